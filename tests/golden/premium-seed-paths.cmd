premium configs/us-ndfeb-chain.toml --seed 7 --paths 2000
