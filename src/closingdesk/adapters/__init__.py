"""Adapters at the edge: the store, files in and out, mail."""
