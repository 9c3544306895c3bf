premium configs/us-ndfeb-chain.toml --scenario floor-ends-2029
