"""Broken clauses: one check type per module.

* :mod:`.lowercase_after_stop` -- a sentence that starts in lowercase after a full stop;
* :mod:`.doubled_word` -- the same word twice in a row;
* :mod:`.unbalanced_quotes` -- quotation marks that do not balance within a paragraph;
* :mod:`.unbalanced_brackets` -- brackets that do not balance within a paragraph;
* :mod:`.dangling_word` -- a sentence that ends on a word that cannot end it;
* :mod:`.verbless_clause` -- a subordinate clause with no verb;
* :mod:`.missing_preposition` -- two noun phrases run together with no word between;
* :mod:`.missing_verb` -- a modal verb with no verb after it.

What they share (the paragraph kinds they read, word shapes) is in :mod:`.common`.
"""
