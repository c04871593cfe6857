"""PNRGOV (PNR push): EDIFACT 10.1–16.1 and XML into the canonical model, and back."""

from pipeline.pnrgov.parser import parse_pnr
from pipeline.pnrgov.split import split_pnrs

__all__ = ["parse_pnr", "split_pnrs"]
