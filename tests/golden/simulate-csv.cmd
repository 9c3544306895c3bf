simulate configs/us-ndfeb-chain.toml --paths 100 --seed 5 --no-lcop --format csv -q
