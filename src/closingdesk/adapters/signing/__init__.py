"""Digital signatures: the signing identity, PAdES signing and verification, completion."""
