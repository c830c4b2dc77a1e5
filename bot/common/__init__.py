"""bot.common."""
