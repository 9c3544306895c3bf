compare configs/us-ndfeb-chain.toml --scenario base --scenario floor-ends-2029 --scenario capex-overrun
