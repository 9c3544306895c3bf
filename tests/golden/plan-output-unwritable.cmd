plan configs/minimal.toml --output /nonexistent-dir/out.json
