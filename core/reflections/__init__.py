"""The weekly reflection: one themed thread a week that recalls the week's prompts, closed after a set time."""
