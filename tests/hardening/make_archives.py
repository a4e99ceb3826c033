"""Writes the corpus's hostile workbooks and zips (issue 19): ``python tests/hardening/make_archives.py``.

Binary inputs cannot be typed by hand, so this script is their source: each file is
built from a valid matrix (the shipped ``data/custom/databases`` example) with one
thing broken, or from raw zip structures a spreadsheet program would never write.
The files are committed; the manifest (``corpus/manifest.yaml``) says what each
message must contain.
"""
from __future__ import annotations

import io
import stat
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from criteria import load_matrix  # noqa: E402
from criteria.xlsx_matrix import matrix_to_xlsx  # noqa: E402

CORPUS = HERE / "corpus"
DATABASES = ROOT / "data" / "custom" / "databases"
FIXED = (2026, 1, 1, 0, 0, 0)  # zip entries get a fixed date, so the same call writes the same bytes


def _workbook(edit) -> bytes:  # type: ignore[no-untyped-def]
    """The databases workbook with ``edit(book)`` applied (openpyxl, normal mode)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(matrix_to_xlsx(load_matrix(DATABASES))))
    edit(book)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _zip(entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def _folder_entries(top: str = "databases", break_rating: bool = False) -> list[tuple[str | zipfile.ZipInfo, bytes]]:
    out: list[tuple[str | zipfile.ZipInfo, bytes]] = []
    for p in sorted(DATABASES.rglob("*.yaml")):
        data = p.read_bytes()
        if break_rating and p.name == "sqlite.yaml":
            data = data.replace(b"rating: 5", b"rating: 7", 1)
        out.append((f"{top}/{p.relative_to(DATABASES).as_posix()}", data))
    return out


def build() -> dict[str, bytes]:
    def formula(book):  # type: ignore[no-untyped-def]
        book["ratings"]["D2"] = "=2+2"

    def rename(book):  # type: ignore[no-untyped-def]
        book["ratings"].title = "Ratngs"

    def bad_date(book):  # type: ignore[no-untyped-def]
        book["sources"]["E2"] = "31/12/2025"

    def huge(book):  # type: ignore[no-untyped-def]
        book["ratings"]["E2"] = "x" * 200_000

    def column(book):  # type: ignore[no-untyped-def]
        book["criteria"]["C1"] = "questoin"

    files = {
        "xlsx/formula-cell.xlsx": _workbook(formula),
        "xlsx/no-ratings-sheet.xlsx": _workbook(rename),
        "xlsx/bad-date-in-sources.xlsx": _workbook(bad_date),
        "xlsx/huge-cell.xlsx": _workbook(huge),
        "xlsx/misspelt-criteria-column.xlsx": _workbook(column),
        "xlsx/not-a-zip.xlsx": b"option,criterion,rating\nflask,performance,5\n",
        # 65 MiB of spaces in one sheet part: about 65 KB compressed, over the unpacked cap.
        "xlsx/zip-bomb.xlsx": _zip([("[Content_Types].xml", b"<Types/>"),
                                    ("xl/worksheets/sheet1.xml", b" " * (65 * 1024 * 1024))]),
        "zips/traversal.zip": _zip([("../evil/options/x.yaml", b"id: x\n")]),
        "zips/absolute-path.zip": _zip([("/etc/stackwise/options/x.yaml", b"id: x\n")]),
        "zips/bomb.zip": _zip(_folder_entries() + [("databases/padding.bin", b"\0" * (20 * 1024 * 1024))]),
        "zips/no-options-folder.zip": _zip([("notes/readme.txt", b"nothing here\n")]),
        "zips/broken-rating-inside.zip": _zip(_folder_entries(break_rating=True)),
        "zips/too-many-entries.zip": _zip([(f"databases/junk/{i}.txt", b"") for i in range(2_001)]),
        "valid/matrix-databases.xlsx": matrix_to_xlsx(load_matrix(DATABASES)),
        "valid/matrix-databases.zip": _zip(_folder_entries()),
    }
    link = zipfile.ZipInfo("databases/options/link.yaml", FIXED)
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    files["zips/symlink.zip"] = _zip(_folder_entries() + [(link, b"/etc/passwd")])
    # A header that claims 10 bytes for a member that inflates to 1 MiB: the CRC check fails,
    # and the unpacker never believes the claimed size.
    raw = bytearray(_zip([("databases/options/a.yaml", b"a" * (1024 * 1024))]))
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = raw.find(sig)
        size_at = at + (22 if sig == b"PK\x03\x04" else 24)
        raw[size_at:size_at + 4] = (10).to_bytes(4, "little")
    files["zips/lying-size-header.zip"] = bytes(raw)
    return files


if __name__ == "__main__":
    for rel, data in build().items():
        target = CORPUS / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"{rel}: {len(data):,} bytes")
