"""Compile the .po message catalogues to .mo without GNU gettext (`msgfmt` may be missing).

`make messages` runs Django's compilemessages and falls back to this:
`python -m dealpilot.web.compile_messages`.
"""

from __future__ import annotations

import ast
import struct
from pathlib import Path

import click

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def parse_po(text: str) -> dict[str, str]:
    """msgid (with context and plural joined as gettext stores them) → msgstr; fuzzy entries skipped."""
    catalog: dict[str, str] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    key: str | None = None

    def flush() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and not (fuzzy and entry["msgid"]):
            msgid = entry["msgid"]
            if "msgctxt" in entry:
                msgid = entry["msgctxt"] + "\x04" + msgid
            if "msgid_plural" in entry:
                msgid += "\x00" + entry["msgid_plural"]
                forms = sorted((k for k in entry if k.startswith("msgstr[")), key=lambda k: int(k[7:-1]))
                value = "\x00".join(entry[k] for k in forms)
            else:
                value = entry.get("msgstr", "")
            if value.replace("\x00", ""):
                catalog[msgid] = value
        entry, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            if "msgid" in entry and "msgstr" in entry or any(k.startswith("msgstr[") for k in entry):
                flush()
            fuzzy = True
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            if key is not None:
                entry[key] += ast.literal_eval(line)
            continue
        word, _, rest = line.partition(" ")
        if word in ("msgctxt", "msgid") and ("msgstr" in entry or any(k.startswith("msgstr[") for k in entry)):
            flush()
        key = word
        entry[key] = ast.literal_eval(rest)
    flush()
    return catalog


def write_mo(catalog: dict[str, str], path: Path) -> None:
    """GNU .mo: header, sorted tables of (length, offset) for ids and strings, then the bytes."""
    keys = sorted(catalog)
    ids = [k.encode("utf-8") for k in keys]
    strs = [catalog[k].encode("utf-8") for k in keys]
    n = len(keys)
    start = 7 * 4 + 16 * n
    id_offsets, str_offsets, blob = [], [], b""
    for b in ids:
        id_offsets.append((len(b), start + len(blob)))
        blob += b + b"\0"
    for b in strs:
        str_offsets.append((len(b), start + len(blob)))
        blob += b + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    tables = b"".join(struct.pack("<2I", *o) for o in id_offsets + str_offsets)
    path.write_bytes(header + tables + blob)


@click.command()
@click.option("--locale-dir", type=click.Path(path_type=Path, file_okay=False), default=LOCALE_DIR,
              show_default=True, help="Folder holding <lang>/LC_MESSAGES/*.po")
def main(locale_dir: Path) -> None:
    """Compile every .po under the locale folder to its .mo."""
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        catalog = parse_po(po.read_text(encoding="utf-8"))
        write_mo(catalog, po.with_suffix(".mo"))
        click.echo(f"{po.with_suffix('.mo')}: {len(catalog)} messages")


if __name__ == "__main__":
    main()
