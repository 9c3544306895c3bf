validate --quiet configs/minimal.toml
