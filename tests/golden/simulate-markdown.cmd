simulate configs/us-ndfeb-chain.toml --paths 100 --seed 5 --no-lcop --format markdown -q --metric plant.sep-1.irr
