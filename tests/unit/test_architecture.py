"""Services read and write only through the unit of work's repositories, never SQL.

A service that touched ``uow.connection``, imported SQLAlchemy's query building or a table,
or held SQL in a string would be doing the repositories' (or the read models', in
``closingdesk.views``) work; these tests read every service module's source to catch it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import closingdesk.services

SERVICES = Path(closingdesk.services.__file__).parent

# Settle, rewritten in two phases (decide, render outside any transaction, attach) while the
# others were converted: its modules still read through uow.connection and are the next to
# convert. No other module may be added here.
NOT_YET_CONVERTED = {
    "settlement/settling.py",
    "settlement/settlement_attach.py",
    "settlement/settlement_files.py",
    "settlement/warrant_files.py",
}

# What a service may import from SQLAlchemy: the Engine it is given (until services take a
# unit-of-work factory), and IntegrityError, caught to retry when a concurrent insert won.
SQLALCHEMY_NAMES = {"Engine", "IntegrityError"}
SQL_BUILDERS = {"select", "insert", "update", "delete", "text"}  # called by their bare names
SQL_RUNNERS = {"execute", "exec_driver_sql", "scalar", "scalars"}  # called on a connection
SQL_STRING = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|SET\s+TRANSACTION|CREATE|ALTER|DROP|LOCK)\b", re.I
)
SQL_MODULES = re.compile(r"^closingdesk\.adapters\.store\.(tables|\w+_tables|\w+_queries)$")


def _modules() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(SERVICES.rglob("*.py")):
        name = path.relative_to(SERVICES).as_posix()
        if name not in NOT_YET_CONVERTED:
            found.append((name, ast.parse(path.read_text(encoding="utf-8"), filename=name)))
    return found


def _where(name: str, node: ast.AST) -> str:
    return f"services/{name}:{getattr(node, 'lineno', '?')}"


def _connection_uses(name: str, tree: ast.Module) -> list[str]:
    return [_where(name, node) for node in ast.walk(tree) if _names_a_connection(node)]


def _names_a_connection(node: ast.AST) -> bool:
    return (
        (isinstance(node, ast.Attribute) and node.attr == "connection")
        or (isinstance(node, ast.Name) and node.id in {"connection", "Connection"})
        or (isinstance(node, ast.arg) and node.arg == "connection")
    )


def _sql_imports(name: str, tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [_where(name, node) for a in node.names if a.name.startswith("sqlalchemy")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            module = node.module
            if module == "sqlalchemy.exc" or module == "sqlalchemy":
                names = {a.name for a in node.names}
                if names - SQLALCHEMY_NAMES:
                    found.append(f"{_where(name, node)} imports {sorted(names - SQLALCHEMY_NAMES)}")
            elif module.startswith("sqlalchemy") or SQL_MODULES.match(module):
                found.append(f"{_where(name, node)} imports {module}")
            else:
                tables = [a.name for a in node.names if SQL_MODULES.match(f"{module}.{a.name}")]
                found += [f"{_where(name, node)} imports {module}.{n}" for n in tables]
    return found


def _sql_run(name: str, tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = node.func
            if isinstance(called, ast.Name) and called.id in SQL_BUILDERS:
                found.append(f"{_where(name, node)} calls {called.id}()")
            elif isinstance(called, ast.Attribute) and called.attr in SQL_RUNNERS:
                found.append(f"{_where(name, node)} calls {called.attr}()")
        elif isinstance(node, ast.Constant) and SQL_STRING.match(str(node.value)):
            found.append(f"{_where(name, node)} holds SQL {str(node.value)[:40]!r}")
    return found


def test_every_service_module_is_read():
    assert len(_modules()) > 40
    for name in NOT_YET_CONVERTED:
        assert (SERVICES / name).exists(), f"{name} is gone: take it off NOT_YET_CONVERTED"


def test_no_service_touches_the_unit_of_works_connection():
    assert [w for name, tree in _modules() for w in _connection_uses(name, tree)] == []


def test_no_service_imports_sqlalchemy_query_building_or_tables():
    assert [w for name, tree in _modules() for w in _sql_imports(name, tree)] == []


def test_no_service_builds_or_runs_sql():
    assert [w for name, tree in _modules() for w in _sql_run(name, tree)] == []


def test_the_checks_catch_a_service_that_runs_sql_on_the_connection():
    source = """
from sqlalchemy import Engine, select
from closingdesk.adapters.store import tables as t
from closingdesk.adapters.store.funding_tables import bank_files

def names(uow):
    uow.connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    return uow.connection.execute(select(t.offerings.c.slug)).scalars()
"""
    tree = ast.parse(source)
    assert len(_connection_uses("x.py", tree)) == 2
    assert len(_sql_imports("x.py", tree)) == 3
    assert {w.split(" ", 1)[1] for w in _sql_run("x.py", tree)} == {
        "calls exec_driver_sql()",
        "calls execute()",
        "calls select()",
        "calls scalars()",
        "holds SQL 'SET TRANSACTION ISOLATION LEVEL REPEATAB'",
    }
