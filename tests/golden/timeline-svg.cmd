timeline configs/us-ndfeb-chain.toml --format svg
