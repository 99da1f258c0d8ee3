"""The Discord adapter: discord.py events become core events; core messages become Discord messages."""
