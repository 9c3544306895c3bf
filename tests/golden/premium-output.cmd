premium configs/us-ndfeb-chain.toml --format json --output {tmp}/out
