compare configs/us-ndfeb-chain.toml --scenario base --scenario no-45x --format markdown
