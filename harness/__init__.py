"""What both the tests and the benchmarks need to run the product for real: processes and accounts.

Kept out of `tests/` so that `bench/` never imports the test suite (tests/test_architecture.py checks it).
"""
