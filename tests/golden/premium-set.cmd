premium configs/us-ndfeb-chain.toml --set risk.election-reversal.probability=0.5
