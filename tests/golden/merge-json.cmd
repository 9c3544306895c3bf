merge tests/golden/inputs/mc-2of2.bin tests/golden/inputs/mc-1of2.bin --format json --output {tmp}/out --threads 2
