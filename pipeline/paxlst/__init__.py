"""The API (UN/EDIFACT PAXLST) parser."""

from pipeline.paxlst.parser import parse_paxlst

__all__ = ["parse_paxlst"]
