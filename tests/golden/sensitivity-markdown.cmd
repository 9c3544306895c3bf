sensitivity configs/us-ndfeb-chain.toml --metric chain.independence_year --paths 60 --format markdown --scenario floor-ends-2029 --set plant.sep-1.capex_musd=700
