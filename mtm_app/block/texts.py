"""Every text a block shows a person: what the French catalogue (resources/locale) must hold.

Block files stay in English, one source for the pattern maker; their words are translated where
they are shown, through `mtm_app.i18n.block_text()` / `choice_text()`. This lists them all, for
the extraction (`python -m mtm_app.i18n_tools`) and for the test that fails when one has no
French.
"""

from __future__ import annotations

from mtm_app.block.model import Block


def block_texts(block: Block) -> list[str]:
    """The block's own words, in the order of its file, each once: its name, garment and
    description, option labels, help and choices (as shown: 'button down'), piece names, their
    label notes, internal line labels and materials, fit check labels, seam pair names, the
    messages of its
    refusals and its alteration places."""
    texts = [block.name, block.garment, " ".join(block.description.split())]
    for spec in block.options.values():
        texts += [spec.label, spec.help]
        texts += [str(c).replace("_", " ") for c in spec.choices]
    texts += list(block.presets)
    for piece in block.pieces:
        texts += [piece.name, piece.material, *piece.label.values()]
        texts += [mark.label for mark in (*piece.internal, *piece.drills) if mark.label]
    texts += [check.label for check in block.fit_checks]
    texts += [pair.name for pair in block.seam_pairs]
    texts += [rule.message for rule in block.constraints]
    texts += [place.label for place in block.alterations.values()]
    return list(dict.fromkeys(t for t in texts if t))
