plan configs/us-ndfeb-chain.toml --set plant.sep-1.capex_musd=900 --set materials.ndpr_oxide.market_price_usd_per_kg=90
