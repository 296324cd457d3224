-- wrk script of bench/load.py: a bodiless POST (the one-INSERT reference view).
wrk.method = "POST"
