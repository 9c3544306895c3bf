simulate configs/us-ndfeb-chain.toml --paths 100 --seed 3 --format json --output {tmp}/out --quiet
