"""Members' data: export everything stored about you, delete all of it; remove a community's data."""
