sensitivity configs/us-ndfeb-chain.toml --vary plant.sep-1.capex_mussd=1:2 --paths 0
