"""Data-driven word and phrase checks: existence, substitution, consistency, occurrence, pattern.

These are the check types a house style uses most: the pack supplies the words
(or regular expressions), the message and the level; the code here finds them
and reports each match with its exact span.  One module per type; the matching
machinery they share (phrases as patterns, the word index, exceptions, timed
regex searches) is in :mod:`pressqa.checks.lexical.matching`.

Matching is paragraph by paragraph (a phrase never runs across a blank line)
and skips fenced code blocks.  Phrases are matched as whole words, a space in a
phrase matches any run of spaces or one line break, and a straight apostrophe
also matches a curly one.
"""
