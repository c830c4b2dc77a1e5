"""handlers.chats."""
