"""Password hashing with argon2 (argon2-cffi's recommended parameters).

Each hash records its own parameters, so a hash made with one setting verifies under
another. ``CLOSINGDESK_TEST_PASSWORD_HASHING=1`` switches new hashes to argon2-cffi's
cheapest profile: the test suite sets it, because it creates hundreds of users.
"""

from __future__ import annotations

import os
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import CHEAPEST


@lru_cache(maxsize=2)
def _hasher(cheap: bool) -> PasswordHasher:
    return PasswordHasher.from_parameters(CHEAPEST) if cheap else PasswordHasher()


def _current() -> PasswordHasher:
    return _hasher(os.environ.get("CLOSINGDESK_TEST_PASSWORD_HASHING") == "1")


def hash_password(password: str) -> str:
    return _current().hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _current().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
