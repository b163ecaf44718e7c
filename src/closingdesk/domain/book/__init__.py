"""The purchaser book: who buys, how much, and the book's own rules."""
