wacc configs/us-ndfeb-chain.toml --format csv --scenario no-45x
