"""Watchlists: the record model, the readers for each list format, and ``load_watchlists``."""
