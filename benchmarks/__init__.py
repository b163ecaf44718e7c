"""Benchmarks: ``python -m benchmarks NAME [--n N]`` prints one JSON line."""
