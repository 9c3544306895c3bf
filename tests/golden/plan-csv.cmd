plan configs/minimal.toml --format csv
