"""The offering and its purchaser book: creating, importing, listing."""
