validate tests/bad/01-syntax-error.toml configs/minimal.toml
