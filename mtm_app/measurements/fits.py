"""How a customer likes clothes to sit, from closest to roomiest.

A module of its own so the command line, the store and the size advice share one list
without importing the size charts.
"""

FIT_PREFERENCES = ("close", "standard", "comfortable")
