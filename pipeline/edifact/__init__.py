"""The EDIFACT reader and writer: tokenizer, envelope, service characters, escaping."""

from pipeline.edifact.reader import Payload, PayloadFailure, RawMessage, read_payload
from pipeline.edifact.segment import Segment
from pipeline.edifact.separators import DEFAULT, Separators
from pipeline.edifact.tokenizer import tokenize
from pipeline.edifact.writer import escape, format_segment, write_interchange

__all__ = [
    "DEFAULT",
    "Payload",
    "PayloadFailure",
    "RawMessage",
    "Segment",
    "Separators",
    "escape",
    "format_segment",
    "read_payload",
    "tokenize",
    "write_interchange",
]
