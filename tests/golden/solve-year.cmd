solve configs/us-ndfeb-chain.toml --vary plant.sep-1.schedule.earliest_start_year --target chain.independence_year=2033 --scenario floor-ends-2029 --set plant.mag-1.capex_musd=1300
