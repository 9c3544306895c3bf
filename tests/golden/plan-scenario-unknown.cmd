plan configs/us-ndfeb-chain.toml --scenario floor-end-2029
