"""trustbot's platform-neutral core: guidance, community rules, storage and scheduling."""

TRUSTBOT_CORE = True
