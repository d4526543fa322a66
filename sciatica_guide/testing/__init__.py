"""Helpers for running the guide in tests and benchmarks: a real server and a real browser."""
