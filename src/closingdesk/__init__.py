"""closingdesk: the closing of a securities purchase, from the form to the warrant register."""

__version__ = "0.1.0"
