"""Zip containers, opened without trusting them: Excel workbooks and zipped data folders.

An ``.xlsx`` workbook and a ``zip -r x.zip databases`` folder are both zip archives, so
both meet the same checks before anything reads them:

* the compressed file obeys :data:`criteria.yamlio.MAX_BYTES` (read capped);
* at most :data:`MAX_MEMBERS` entries; no encrypted entries;
* every member is decompressed here, in chunks, counting the bytes that actually come
  out: the total is capped at :data:`MAX_UNPACKED` whatever the zip's headers claim
  (a zip bomb stops at the cap, not at the end of memory);
* member names are relative, without ``..``, drive letters or backslashes, and no member
  is a symbolic link (nothing can land outside the folder it is unpacked into).

The result is the members' bytes in memory, for the caller to parse.
"""
from __future__ import annotations

import io
import stat
import zipfile
from pathlib import PurePosixPath

from criteria.errors import InputError
from criteria.yamlio import MAX_BYTES

#: Most entries an archive may hold (a data folder has a few dozen files; a workbook a dozen parts).
MAX_MEMBERS = 2_000
#: Most bytes all members may unpack to: a matrix of the largest size allowed in one
#: YAML file, with room for a workbook's XML overhead (each cell is wrapped in tags).
MAX_UNPACKED = 8 * MAX_BYTES
_CHUNK = 64 * 1024


def unpack(raw: bytes, name: str, *, limit: int = MAX_UNPACKED) -> dict[str, bytes]:
    """Every file member of the zip ``raw`` by its name, checked as the module says."""
    if len(raw) > MAX_BYTES:
        raise InputError.single(name, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB.",
                                expected="a smaller file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError.single(name, f"this is not a readable zip archive ({exc}).",
                                expected="a .zip made by zip or an .xlsx saved by a spreadsheet program") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError.single(name, f"the archive has {len(infos)} entries.",
                                    expected=f"at most {MAX_MEMBERS}")
        out: dict[str, bytes] = {}
        total = 0
        for info in infos:
            member = info.filename
            _check_name(member, name)
            if info.flag_bits & 0x1:
                raise InputError.single(name, f"'{member}' is encrypted.", expected="an archive without a password")
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise InputError.single(name, f"'{member}' is a symbolic link.", expected="plain files and folders")
            if info.is_dir():
                continue
            buf = bytearray()
            try:
                with archive.open(info) as fh:
                    while chunk := fh.read(_CHUNK):
                        total += len(chunk)
                        if total > limit:
                            raise InputError.single(
                                name, f"the archive unpacks to more than {limit // (1024 * 1024)} MiB "
                                      f"(stopped while unpacking '{member}').",
                                expected="a smaller archive (the size its headers claim is not trusted)")
                        buf.extend(chunk)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError,
                    ValueError) as exc:  # bad CRC, unknown compression, truncated data
                raise InputError.single(name, f"'{member}' cannot be unpacked ({exc}).",
                                        expected="an intact archive") from None
            if member in out:
                raise InputError.single(name, f"'{member}' appears twice in the archive.", expected="each file once")
            out[member] = bytes(buf)
        return out


def _check_name(member: str, name: str) -> None:
    path = PurePosixPath(member)
    bad = (
        not member or "\\" in member or "\x00" in member or member.startswith("/")
        or (len(member) > 1 and member[1] == ":") or any(part == ".." for part in path.parts)
    )
    if bad:
        raise InputError.single(name, f"the entry {member[:200]!r} would unpack outside its folder.",
                                expected="relative names without '..', '/' at the start, drive letters or '\\'")
