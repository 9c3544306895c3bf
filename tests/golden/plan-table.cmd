plan configs/us-ndfeb-chain.toml
