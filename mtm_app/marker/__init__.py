"""Markers: the pieces of one or more orders laid on the fabric, ready for the cutting room."""

from mtm_app.marker.nest import LaidPiece, Marker, MarkerProgress, MarkerSpec, make_marker

__all__ = ["LaidPiece", "Marker", "MarkerProgress", "MarkerSpec", "make_marker"]
