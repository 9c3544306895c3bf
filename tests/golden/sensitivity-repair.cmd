sensitivity tests/bad/65-correlation-inconsistent.toml --paths 40 --repair-correlation
