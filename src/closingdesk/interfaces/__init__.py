"""Interfaces over the services: the command line (and, later, the HTTP API and web pages)."""
