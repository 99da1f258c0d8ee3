"""Features of the bot, each a :class:`core.features.base.Feature` with its commands, buttons and schedules."""
