simulate configs/us-ndfeb-chain.toml --paths 100 --seed 5 --no-lcop --format svg -q --metric chain.independence_year
