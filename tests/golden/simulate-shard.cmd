simulate configs/us-ndfeb-chain.toml --paths 30 --seed 9 --no-lcop -q --shard 2/3 -o {tmp}/out
