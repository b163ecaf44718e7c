"""Warrants: the certificate, its form of words and its number."""
