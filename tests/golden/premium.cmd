premium configs/us-ndfeb-chain.toml
