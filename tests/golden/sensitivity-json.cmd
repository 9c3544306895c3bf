sensitivity configs/us-ndfeb-chain.toml --vary plant.sep-1.capex_musd=540:900 --vary finance.tax_rate --points 5 --paths 0 --format json
