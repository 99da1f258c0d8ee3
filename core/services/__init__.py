"""Community rules and features, each in its own module, used by :mod:`core.app`."""
