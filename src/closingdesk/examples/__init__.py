"""Example data shipped with closingdesk: the demo's purchaser book."""

from importlib.resources import files
from pathlib import Path


def demo_book_path() -> Path:
    return Path(str(files(__package__).joinpath("neotherapeutics-2002-book.csv")))
