timeline configs/us-ndfeb-chain.toml --scenario hree-import-cut
