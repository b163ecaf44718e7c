"""Signing: invitations, links, signatures, signature pages, countersigning."""
