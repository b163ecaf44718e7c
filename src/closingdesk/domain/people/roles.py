"""Who may do what: the one table of roles and their permissions.

The team works in four roles. An admin may do everything; counsel owns the terms, the forms
and the documents; the placement agent owns the book and the purchasers; a viewer reads.
Interfaces ask :func:`allows` in one place before calling a service.

>>> allows("agent", Permission.IMPORT_BOOK)
True
>>> allows("viewer", Permission.IMPORT_BOOK)
False
"""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    READ = "read"  # see offerings, purchasers, documents, the audit log
    EDIT_TERMS = "edit_terms"  # create offerings, change terms
    RENDER_DOCUMENTS = "render_documents"  # draft agreements and other documents
    IMPORT_BOOK = "import_book"  # load the purchaser book
    EDIT_PURCHASERS = "edit_purchasers"  # correct a purchaser's details
    SEND_LINKS = "send_links"  # create and revoke purchasers' own links
    MANAGE_USERS = "manage_users"  # add and disable users, create tokens
    COUNTERSIGN = "countersign"  # sign for the company (an officer's act: admins only)
    WORK_FUNDING = "work_funding"  # import bank files, match, unmatch and refund wires
    SETTLE = "settle"  # instruct shares, issue warrants (releases settlement: admins only)
    VOID_BANK_LINES = "void_bank_lines"  # take a bad stored bank line out (admins only)


ROLES: dict[str, frozenset[Permission]] = {
    "admin": frozenset(Permission),
    "counsel": frozenset({Permission.READ, Permission.EDIT_TERMS, Permission.RENDER_DOCUMENTS}),
    "agent": frozenset(
        {
            Permission.READ,
            Permission.IMPORT_BOOK,
            Permission.EDIT_PURCHASERS,
            Permission.SEND_LINKS,
            Permission.WORK_FUNDING,
        }
    ),
    "viewer": frozenset({Permission.READ}),
}


def allows(role: str, permission: Permission) -> bool:
    return permission in ROLES.get(role, frozenset())
