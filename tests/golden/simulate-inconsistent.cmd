simulate tests/bad/65-correlation-inconsistent.toml --paths 50 -q
