validate configs/us-ndfeb-chain.toml configs/minimal.toml
