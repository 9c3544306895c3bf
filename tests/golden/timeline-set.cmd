timeline configs/us-ndfeb-chain.toml --set project.independence_target_year=2031 --set plant.hre-1.schedule.permitting_years=1.5
