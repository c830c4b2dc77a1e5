"""handlers.meetings."""
