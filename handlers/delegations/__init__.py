"""handlers.delegations."""
