"""People: team users, roles, sign-in lifetimes and throttling."""
