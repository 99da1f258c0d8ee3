"""Test harnesses shared by adapter tests and benchmarks (the product running against local stand-ins)."""
