"""bot.chats."""
