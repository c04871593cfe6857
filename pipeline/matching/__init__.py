"""Watchlist screening: blocking keys, a candidate index, explainable features and scores."""
