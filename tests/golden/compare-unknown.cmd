compare configs/us-ndfeb-chain.toml --scenario base --scenario no-such --format csv
