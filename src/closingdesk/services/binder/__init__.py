"""The closing binder: the PDF, the ZIP, and their checks."""
