wacc configs/minimal.toml --format json --output {tmp}/out
