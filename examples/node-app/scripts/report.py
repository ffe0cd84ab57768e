"""Nightly report: reads the database URL the Python way."""
import os

database_url = os.environ["DATABASE_URL"]
log_level = os.getenv("LOG_LEVEL", "info")
# os.environ["COMMENTED_OUT"] is not a usage
print("DATABASE_URL:", "set" if database_url else "missing")
