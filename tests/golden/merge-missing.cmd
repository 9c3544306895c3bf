merge tests/golden/inputs/mc-1of2.bin
