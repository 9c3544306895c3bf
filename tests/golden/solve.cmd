solve configs/us-ndfeb-chain.toml --vary support.dod-floor.floor_usd_per_kg=60:200 --target plant.sep-1.irr=0.12
