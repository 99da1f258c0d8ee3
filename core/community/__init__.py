"""A community's setup and status, and who may do what in it (owners, admins, the moderator role)."""
