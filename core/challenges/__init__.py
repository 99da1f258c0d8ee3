"""Multi-day challenges: moderators schedule them, a thread carries a step a day, members track progress privately."""
