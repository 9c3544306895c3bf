sensitivity configs/us-ndfeb-chain.toml --metric plant.sep-1.npv_musd --paths 100 --seed 2 --threads 2
