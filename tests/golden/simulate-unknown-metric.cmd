simulate configs/us-ndfeb-chain.toml --paths 10 --metric chain.npv -q
