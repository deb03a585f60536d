"""pressqa: a document-QA and lint tool for press releases."""

__version__ = "0.1.0"
