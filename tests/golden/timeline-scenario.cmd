timeline configs/us-ndfeb-chain.toml --scenario hree-imports-cut
