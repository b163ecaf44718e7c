"""The JSON API under /api/v1: request and response schemas per direction, bearer tokens."""
