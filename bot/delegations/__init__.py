"""bot.delegations."""
