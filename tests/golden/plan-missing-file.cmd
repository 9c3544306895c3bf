plan configs/no-such-file.toml
