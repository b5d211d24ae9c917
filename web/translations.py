#!/usr/bin/env python3
"""The English catalogue of the web client (Greek is the source language, written in the code).

    python web/translations.py          extract the texts, merge into translations/en, compile the .mo
    python web/translations.py --check  exit 1 when a text has no English or the .mo is stale (a test runs it)

After adding Greek texts: run it, fill the empty `msgstr ""` in the .po, run it again."""
from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "src" / "web_client"
PO = PACKAGE / "translations" / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "N_": None}
FIXED_DATE = datetime(2026, 12, 1, tzinfo=timezone.utc)


def extracted() -> list[str]:
    found = extract_from_dir(str(PACKAGE), METHODS, keywords=KEYWORDS, options_map={"**.html": {}})
    return sorted({message for _, _, message, _, _ in found if isinstance(message, str) and message})


def merged() -> Catalog:
    old = read_po(PO.open("rb")) if PO.exists() else Catalog(locale="en")
    # Fixed dates: the committed files change only when a text does.
    catalog = Catalog(locale="en", project="epimorfosi-web", fuzzy=False, creation_date=FIXED_DATE,
                      revision_date=FIXED_DATE)
    for text in extracted():
        previous = old.get(text)
        catalog.add(text, previous.string if previous else "")
    return catalog


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    catalog = merged()
    if argv == ["--check"]:
        missing = [m.id for m in catalog if m.id and not m.string]
        stale = not MO.exists() or MO.read_bytes() != mo_bytes(catalog)
        if missing or stale:
            print(f"untranslated: {missing}; .mo stale: {stale} (run web/translations.py)", file=sys.stderr)
            return 1
        return 0
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as out:
        write_po(out, catalog, omit_header=False, no_location=True, width=100)
    MO.write_bytes(mo_bytes(catalog))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
