timeline configs/minimal.toml --format markdown --output {tmp}/out
