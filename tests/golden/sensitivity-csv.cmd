sensitivity configs/us-ndfeb-chain.toml --vary plant.sep-1.capex_musd=540:900 --vary materials.ndpr_oxide.market_price_usd_per_kg=50:120 --paths 0 --format csv
