"""Adapters to outside engines (LanguageTool, textstat): the only modules that touch those libraries."""
