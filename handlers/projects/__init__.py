"""handlers.projects."""
