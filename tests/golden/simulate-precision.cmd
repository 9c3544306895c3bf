simulate configs/us-ndfeb-chain.toml --paths 3000 --precision 60 --metric chain.npv_musd --no-lcop -q --format json --scenario floor-ends-2029 --set plant.sep-1.capex_musd=700
