merge tests/golden/inputs/mc-1of2.bin tests/golden/inputs/mc-2of2.bin
