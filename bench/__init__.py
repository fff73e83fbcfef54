"""Benchmarks of Quartier: page timings, query budgets' instances, load over HTTP.

`python -m bench` runs every dataset/database combination, each in its own process
(`python -m bench.run`); `python -m bench.http` serves one with gunicorn and loads it.
Nothing here is imported by the application.
"""
