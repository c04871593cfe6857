"""Beam wiring: composite PTransforms around the plain domain functions."""
