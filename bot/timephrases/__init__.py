"""bot.timephrases."""
