"""closingdesk: runs the closing of a securities purchase, from the form agreement to the warrant register."""

__version__ = "0.1.0"
