init {tmp}/out --base-year 2030
