simulate configs/us-ndfeb-chain.toml --paths 200 --seed 3 --threads 2 --no-lcop --quiet
