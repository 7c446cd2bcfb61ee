"""How a customer likes clothes to sit, from closest to roomiest.

A module of its own so the command line, the store and the size advice share one list
without importing the size charts.
"""

from mtm_app.i18n import N_

FIT_PREFERENCES = (N_("close"), N_("standard"), N_("comfortable"))  # ids; shown through _()
