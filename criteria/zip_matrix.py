"""A zipped data folder (``zip -r databases.zip databases``) as a matrix.

The archive passes :func:`criteria.archive.unpack` (entry count, names that stay inside
the folder, no links, the unpacked total counted while decompressing, never trusting
the headers) and is then written to a private temporary folder and read by the same
folder loader as ``--matrix databases/``, so every file gets the same checks and
messages. Messages name the file inside the archive: ``databases.zip: databases/options/x.yaml``.

The data folder is the archive's root when it holds ``options/``, or else its one
top-level folder (what ``zip -r`` makes); macOS metadata (``__MACOSX/``) is ignored.
"""
from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

from criteria.archive import unpack
from criteria.errors import InputError
from criteria.models import Matrix
from criteria.yamlio import MAX_BYTES


def load_zip_bytes(raw: bytes, name: str) -> Matrix:
    # A zipped folder unpacks to at most what the largest single matrix file may weigh.
    members = {k: v for k, v in unpack(raw, name, limit=MAX_BYTES).items()
               if not k.startswith("__MACOSX/") and not PurePosixPath(k).name.startswith("._")}
    root = _data_root(members, name)
    from criteria.loader import _load_folder

    with tempfile.TemporaryDirectory(prefix="stackwise-zip-") as tmp:
        base = Path(tmp)
        for member, data in members.items():
            target = base / member
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        try:
            return _load_folder(base / root if root else base)
        except InputError as exc:
            exc.file = _inside(exc.file, base, name)
            raise InputError(exc.file, exc.problems) from None


def _data_root(members: dict[str, bytes], name: str) -> str:
    tops = {PurePosixPath(m).parts[0] for m in members}
    if any(PurePosixPath(m).parts[0] == "options" and len(PurePosixPath(m).parts) > 1 for m in members):
        return ""
    if len(tops) == 1:
        top = next(iter(tops))
        if any(PurePosixPath(m).parts[1:2] == ("options",) for m in members):
            return top
    listing = ", ".join(sorted(tops)[:8]) or "nothing"
    raise InputError.single(name, f"no data folder with an 'options/' folder in the archive (top level: {listing}).",
                            expected="a zip of one data folder, as `zip -r databases.zip databases` makes it "
                                     "(matrix.yaml, criteria.yaml, options/*.yaml, sources/*.yaml)")


def _inside(file: str | None, base: Path, name: str) -> str:
    """A temporary path in a message as the archive member it came from."""
    if not file:
        return name
    for prefix in (str(base.resolve()), str(base)):
        if file.startswith(prefix):
            rest = file[len(prefix):].lstrip("/")
            return f"{name}: {rest}" if rest else name
    return file
