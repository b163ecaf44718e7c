"""Files written out for people: agreements, forms, exports."""

from __future__ import annotations

from pathlib import Path


def write_file(folder: Path, name: str, content: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path
