pln configs/minimal.toml
