"""The language server front end (``pressqa lsp``): findings as editor diagnostics, safe fixes as code actions."""
