"""`mtm blocks versions|compare|release|released`: a block's versions, what changed between two,
and the versions released to every shop sharing the database."""

from __future__ import annotations

from mtm_app.block.loader import parse_block
from mtm_app.block_versions import block_text, list_versions
from mtm_app.cli.common import EXIT_OK, Args, parse_options
from mtm_app.library import resources_dir
from mtm_app.measurements.files import read_measurement_file
from mtm_app.measurements.sizes import charts
from mtm_app.version_compare import compare_versions

DEMO_BODIES = {"male": "customer_median_man.json", "female": "customer_median_woman.json"}


def cmd_blocks_versions(args: Args) -> int:
    for v in list_versions(args.block):
        print(f"{v.version}\t{v.kind}\t{v.path}")
    return EXIT_OK


def _default_body(text: str, file: str) -> str:
    """The demo median body of the sex the block's size chart is for (a man's without one)."""
    chart = charts().get(parse_block(text, file).default_size_chart or "")
    return str(resources_dir() / "demo" / DEMO_BODIES[chart.sex if chart else "male"])


def _cm2(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def cmd_blocks_compare(args: Args) -> int:
    texts = [block_text(args.block, v) for v in (args.version_a, args.version_b)]
    files = (f"<{args.block} v{args.version_a}>", f"<{args.block} v{args.version_b}>")
    body = args.measurements or _default_body(texts[1], files[1])
    taken = read_measurement_file(body)
    result = compare_versions(texts[0], texts[1], taken.values, parse_options(args.option), files)
    a, b = result.version_a, result.version_b
    print(f"{args.block} v{a} → v{b}, drafted for {body}")
    print(f"  piece\tarea v{a} cm²\tarea v{b} cm²\tchange cm²")
    for piece in result.pieces:
        change = ("added" if piece.added else "removed" if piece.removed
                  else f"{piece.area_change_cm2:+.1f}")
        print(f"  {piece.id}\t{_cm2(piece.a and piece.a.area_cm2)}\t{_cm2(piece.b and piece.b.area_cm2)}"
              f"\t{change}")
    if not result.checks:
        print("  every check gives the same result")
    for check in result.checks:
        flag = " (status changed)" if check.status_changed else ""
        print(f"  {check.kind} {check.name}{flag}".rstrip())
        for version, said in ((a, check.a), (b, check.b)):
            print(f"    v{version}: " + ("not checked" if said is None
                                        else ("ok: " if said.ok else "FAILS: ") + said.text))
    for version, names in result.ignored_options.items():
        if names:
            print(f"  v{version} has no option {', '.join(names)}: drafted without it")
    return EXIT_OK


def cmd_blocks_release(args: Args) -> int:
    from mtm_app.library import get_block
    from mtm_app.store import open_store  # the store (SQLAlchemy) only when it is used
    from mtm_app.store.blocks import release_block, sync_released

    block = get_block(args.block)
    store = open_store()
    release_block(store, block)
    sync_released(store)
    print(f"{block.id} v{block.version} released to every shop")
    return EXIT_OK


def cmd_blocks_released(args: Args) -> int:
    from mtm_app.store import open_store
    from mtm_app.store.blocks import released_texts

    for block_id, (version, _text) in released_texts(open_store()).items():
        print(f"{block_id}\t{version}")
    return EXIT_OK
