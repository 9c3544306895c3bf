timeline configs/minimal.toml --format pdf
