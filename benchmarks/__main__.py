"""Run one benchmark and print its JSON line: name, n, seconds, floor_seconds, ratio."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from benchmarks import api, import_book, pdf, reconcile, settle
from benchmarks import render as render_agreements

BENCHMARKS: dict[str, tuple[Callable[[int], dict[str, object]], int]] = {
    "api": (api.run, 10_000),
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
    args = parser.parse_args(argv)
    run, default_n = BENCHMARKS[args.name]
    result = run(args.n or default_n)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
