"""handlers.translation."""
