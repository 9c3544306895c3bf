merge configs/minimal.toml
