"""``rolint lsp``: a language server (pygls) giving rolint's findings, fixes and rule docs to editors."""
