"""Paper names the PDF writers take (kept apart so the CLI can check them without reportlab)."""

TILED_PAPERS = ("a4", "letter", "a3", "legal", "tabloid")
ROLLS_IN = {"roll24": 24, "roll36": 36, "roll44": 44, "roll60": 60}
PLOTTER_PAPERS = ("a0", *ROLLS_IN)
