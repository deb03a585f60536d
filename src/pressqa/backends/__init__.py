"""Adapters to outside libraries and services (textstat, LanguageTool): the only modules that import them."""
