init configs/minimal.toml --force --base-year 1800
