wacc configs/us-ndfeb-chain.toml
