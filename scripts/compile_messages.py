"""Compile the .po catalogues into .mo files with polib (no GNU gettext needed to install)."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "qualimark" / "locale"

for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path.relative_to(LOCALE)}")
