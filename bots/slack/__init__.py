"""The Slack adapter: slack-bolt events and commands become core events; core messages become Block Kit."""
