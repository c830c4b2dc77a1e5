"""bot.projects."""
