"""The offering and its terms: what the form states for every purchaser."""
