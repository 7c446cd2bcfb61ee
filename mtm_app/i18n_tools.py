"""Extract, compile and check the core's gettext catalogues (a developer's tool; needs Babel).

    python -m mtm_app.i18n_tools extract   # resources/locale/mtm.pot; new texts into each .po
    python -m mtm_app.i18n_tools compile   # each .po → its .mo (shipped beside it)
    python -m mtm_app.i18n_tools check     # what is stale, fuzzy, empty or missing; exit 1 if any

Texts come from the core's Python (`_()`, `N_()`, `ngettext()`; not `mtm_app/ui/`, whose words
are Qt's `tr`), from every shipped block (`mtm_app.block.texts`) and from the size charts' names.
Measurement names and how-to texts are not here: they carry their French in
resources/measurement_catalogue.yaml. After `extract`, translate the new (empty) entries of
resources/locale/fr/LC_MESSAGES/mtm.po, then `compile`.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from mtm_app.block.texts import block_texts
from mtm_app.i18n import DOMAIN, LANGUAGES, LOCALE_DIR
from mtm_app.library import ROOT, shipped_blocks

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# gettext's usual rule (one form for 0 and 1, another above), not CLDR's three French forms
PLURALS = {"fr": (2, "(n > 1)")}
HEADER = """\
# {language} translations of MTM Studio's core (check messages, cut tickets, PDF labels, block texts).
# Measurement names and how-to texts are in resources/measurement_catalogue.yaml, not here.
# Update with `python -m mtm_app.i18n_tools extract`, translate the empty entries, then
# `python -m mtm_app.i18n_tools compile`.
#"""


def po_path(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return po_path(code).with_suffix(".mo")


def translated_languages() -> list[str]:
    return [code for code in LANGUAGES if code != "en"]


def template() -> Catalog:
    """Every text the core shows a person, with where it comes from."""
    cat = Catalog(project="MTM Studio", domain=DOMAIN, msgid_bugs_address="",
                  copyright_holder="MTM Studio", fuzzy=False, header_comment=HEADER.format(language="The"))
    for file, line, msg, comments, context in extract_from_dir(
            ROOT / "mtm_app", method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
            directory_filter=lambda d: Path(d).name != "ui" and "__pycache__" not in d):
        cat.add(msg, locations=[(f"mtm_app/{file}", line)], auto_comments=comments, context=context)
    for block in shipped_blocks():
        where = f"patterns/{block.path.name}" if block.path else block.id
        for text in block_texts(block):
            cat.add(text, locations=[(where, 0)])
    from mtm_app.measurements.sizes import chart_source, charts  # late: charts read files

    for chart in charts().values():
        cat.add(chart.name, locations=[(f"resources/size_charts/{chart.id}", 0)])
        cat.add(chart_source(chart), locations=[(f"resources/size_charts/{chart.id}", 0)])
    return cat


def extract() -> list[Path]:
    """Write the template and bring each language's .po up to it: new texts added empty,
    texts no longer used dropped, translations kept."""
    pot = template()
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    written = [_write_po(TEMPLATE, pot)]
    for code in translated_languages():
        path = po_path(code)
        if path.exists():
            with path.open("rb") as f:
                cat = read_po(f, locale=code)
        else:
            cat = Catalog(locale=code, domain=DOMAIN, project="MTM Studio", fuzzy=False,
                          header_comment=HEADER.format(language=LANGUAGES[code]))
        if code in PLURALS:
            cat._num_plurals, cat._plural_expr = PLURALS[code]
        cat.update(pot, no_fuzzy_matching=True, update_header_comment=False)
        cat.obsolete.clear()
        written.append(_write_po(path, cat))
    return written


def _write_po(path: Path, cat: Catalog) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, cat, width=100, sort_output=False, omit_header=False, include_lineno=False)
    path.write_bytes(buf.getvalue())
    return path


def _mo_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def compile_all() -> list[Path]:
    out = []
    for code in translated_languages():
        with po_path(code).open("rb") as f:
            cat = read_po(f, locale=code)
        mo_path(code).write_bytes(_mo_bytes(cat))
        out.append(mo_path(code))
    return out


def _plain(x):
    return tuple(x) if isinstance(x, list | tuple) else x


def _translated(string) -> bool:
    return all(string) if isinstance(string, list | tuple) else bool(string)


def _entries(messages) -> dict:
    """id → string, a plural's as tuples (a .mo reads them back as lists)."""
    return {_plain(m.id): _plain(m.string) for m in messages if m.id}


def problems(code: str, expected: Catalog | None = None) -> list[str]:
    """What is wrong with one language's catalogue: entries fuzzy or untranslated, texts the
    core or the blocks show that it lacks, placeholders it loses, and a .mo that is not the
    compiled .po."""
    out: list[str] = []
    with po_path(code).open("rb") as f:
        po = read_po(f, locale=code)
    for m in po:
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy:
            out.append(f"{code}: fuzzy: {m.id!r}")
        elif not _translated(m.string):
            out.append(f"{code}: not translated: {m.id!r}")
        else:
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            if {_fields(i) for i in ids} != {_fields(s) for s in strings}:
                out.append(f"{code}: placeholders differ: {m.id!r} → {m.string!r}")
    have = {m.id for m in po if m.id}
    for m in expected if expected is not None else template():
        if m.id and m.id not in have:
            out.append(f"{code}: missing: {m.id!r} (run `python -m mtm_app.i18n_tools extract`)")
    if not mo_path(code).exists():
        out.append(f"{code}: {mo_path(code)} is missing (run `python -m mtm_app.i18n_tools compile`)")
    else:
        with mo_path(code).open("rb") as f:
            mo = read_mo(f)
        compiled = _entries(m for m in po if not m.fuzzy and _translated(m.string))
        if _entries(mo) != compiled:
            out.append(f"{code}: {mo_path(code).name} is stale against {po_path(code).name} "
                       "(run `python -m mtm_app.i18n_tools compile`)")
    return out


def _fields(text: str) -> frozenset[str]:
    """The `{name}` placeholders of a text (the same must come back in its translation)."""
    import string

    return frozenset(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "check"
    if command == "extract":
        for path in extract():
            print(f"wrote {path.relative_to(ROOT)}")
    elif command == "compile":
        for path in compile_all():
            print(f"wrote {path.relative_to(ROOT)}")
    elif command == "check":
        expected = template()
        found = [p for code in translated_languages() for p in problems(code, expected)]
        print("\n".join(found) or "the catalogues are complete and compiled")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
