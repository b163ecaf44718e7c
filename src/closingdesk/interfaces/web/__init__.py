"""The team's deal room: server-rendered pages (Jinja2), no JavaScript build step."""
