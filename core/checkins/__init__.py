"""Private check-ins by DM at each member's own local time: answers, reminders, pauses, history and trends."""
