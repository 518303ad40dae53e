"""Benchmarks that print figures and ratios; each module runs as a script (`python bench/match.py`)."""
