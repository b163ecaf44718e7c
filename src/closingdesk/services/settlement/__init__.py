"""Settlement: settling, its files and mail, confirmations, deliveries."""
