"""Signing: consent, invitations, signatures and their evidence, who may sign."""
