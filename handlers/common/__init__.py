"""handlers.common."""
