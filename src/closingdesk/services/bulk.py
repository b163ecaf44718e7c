"""Bulk work: the cyclic garbage collector paused while a large import builds its objects.

A bank file of a million transactions makes millions of objects that all stay alive until
the import ends; the collector's full passes over them cost a fifth of the parsing time and
free nothing (``python -m benchmarks reconcile``). Reference counting still frees as usual;
only cycles wait for the collector, which runs again as soon as the import is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:  # another import may have paused it first: it resumes it
            gc.enable()
