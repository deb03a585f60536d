"""Adapters for heavy outside libraries and services (LanguageTool, textstat): the only modules that import them."""
