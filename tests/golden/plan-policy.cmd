plan configs/us-ndfeb-chain.toml --policy
