init configs/minimal.toml
