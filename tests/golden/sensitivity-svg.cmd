sensitivity configs/us-ndfeb-chain.toml --metric plant.mag-1.npv_musd --paths 60 --format svg --output {tmp}/out
