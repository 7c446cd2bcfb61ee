"""Any label as a file name: one path component inside the folder, whatever was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtm_app.names import MAX_LENGTH, NameClashError, file_names, safe_filename

FOLDER = Path("/tmp/mtm-names-folder")
TRICKY = st.sampled_from(["..", ".", "/", "\\", "../", "..\\", ":", "\x00", " ", "\u202e", "CON",
                          "nul.txt", "\u0301", "ﬁ", "Ω", "💥", "\ud800"])
LABELS = st.one_of(st.text(), st.lists(st.one_of(TRICKY, st.text(max_size=5))).map("".join),
                   st.text(min_size=200, max_size=400))


@settings(max_examples=400, deadline=None)
@given(LABELS)
def test_every_label_is_one_component_inside_the_folder(label) -> None:
    name = safe_filename(label)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert len(name.encode("utf-8", "surrogatepass")) <= MAX_LENGTH
    assert Path(name).name == name and len(Path(name).parts) == 1
    assert (FOLDER / name).resolve().parent == FOLDER.resolve()
    assert not name.startswith(".")


@given(LABELS)
def test_the_same_label_gives_the_same_name(label) -> None:
    assert safe_filename(label) == safe_filename(label)


@pytest.mark.parametrize(("label", "name"), [
    ("../../x", "x"), ("38/40", "38-40"), ("PO 77/3", "PO 77-3"), ("Łódź", "Łódź"),
    ("..", "unnamed"), ("", "unnamed"), ("CON", "_CON"), ("a\\b", "a-b"),
])
def test_known_labels(label, name) -> None:
    assert safe_filename(label) == name


def test_labels_that_share_a_file_are_refused_naming_both() -> None:
    assert file_names(["38/40", "40/42"], ".json") == ["38-40.json", "40-42.json"]
    with pytest.raises(NameClashError, match=r"'38/40' and '38-40' would both be written as "
                                             r"'38-40\.json'"):
        file_names(["38/40", "38-40"], ".json")
    with pytest.raises(NameClashError, match="id 'A' is given twice"):
        file_names(["A", "B", "A"], ".json", "id")
    with pytest.raises(NameClashError, match="'a' and 'A'"):  # one file on Windows and macOS
        file_names(["a", "A"], ".json")
