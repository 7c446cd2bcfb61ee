"""Drafting: block + measurements + options → pieces, checked."""

from mtm_app.drafting.draft import Draft, draft

__all__ = ["Draft", "draft"]
