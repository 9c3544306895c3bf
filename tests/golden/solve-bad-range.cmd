solve configs/us-ndfeb-chain.toml --vary plant.sep-1.capex_musd=900:540 --target plant.sep-1.npv_musd=0
