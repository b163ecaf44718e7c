"""The installation: its key file and its backups."""
