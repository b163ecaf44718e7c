"""Settlement: who is ready to settle, and the DWAC instruction."""
