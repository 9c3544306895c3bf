plan configs/minimal.toml --format xml
