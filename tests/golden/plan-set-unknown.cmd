plan configs/us-ndfeb-chain.toml --set plant.sep-1.capex=900
