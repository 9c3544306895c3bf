premium configs/us-ndfeb-chain.toml --volatility 0.2
