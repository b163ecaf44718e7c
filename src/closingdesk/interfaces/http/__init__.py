"""What the HTTP API, the team's web pages and the purchasers' pages share: the app factory,
settings, who is asking (one place), refusals mapped to status codes (one table)."""
