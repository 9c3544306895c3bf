compare configs/minimal.toml --scenario base --format json --output {tmp}/out
