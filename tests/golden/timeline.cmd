timeline configs/us-ndfeb-chain.toml
