"""bot.meetings."""
