"""Platform adapters (sandbox, Discord, Slack) and the composition root that runs them."""
