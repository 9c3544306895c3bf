plan configs/us-ndfeb-chain.toml --policy --format json
