"""prescreen: passenger pre-arrival screening on Apache Beam."""

__version__ = "0.1.0"
