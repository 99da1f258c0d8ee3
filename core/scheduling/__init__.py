"""Scheduling: local-time recurrence, delivery claims and the APScheduler owner."""
