"""Run one benchmark and print its JSON line: name, n, seconds, floor_seconds, ratio (the
closing benchmark: seconds per phase, peak memory and the deal room's latencies)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from benchmarks import api, closing, import_book, pdf, reconcile, settle
from benchmarks import render as render_agreements

BENCHMARKS: dict[str, tuple[Callable[[int], dict[str, object]], int]] = {
    "api": (api.run, 10_000),
    "closing": (closing.run, 2_000),
    "import": (import_book.run, 100_000),
    "pdf": (pdf.run, 1_000),
    "reconcile": (reconcile.run, 100_000),
    "settle": (settle.run, 100_000),
    "render": (render_agreements.run, 20_000),
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("name", choices=sorted(BENCHMARKS))
    parser.add_argument("--n", type=int, default=None, help="size (each has its default)")
    parser.add_argument("--db", default=None, help="closing only: an empty database's URL")
    parser.add_argument(
        "--pg", action="store_true", help="closing only: on a throwaway local PostgreSQL server"
    )
    args = parser.parse_args(argv)
    run, default_n = BENCHMARKS[args.name]
    if args.name == "closing":
        if args.db and args.pg:
            parser.error("give --db or --pg, not both")
        result = closing.run(args.n or default_n, db=args.db, pg=args.pg)
    elif args.db or args.pg:
        parser.error("--db and --pg are for the closing benchmark")
    else:
        result = run(args.n or default_n)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
