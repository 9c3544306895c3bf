wacc configs/us-ndfeb-chain.toml --set plant.mag-1.technology_premium=0.03 --set finance.debt_beta=0.15
