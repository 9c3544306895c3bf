simulate configs/us-ndfeb-chain.toml --paths 10 --shard 4/3 -q
