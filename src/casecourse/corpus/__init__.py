"""Whole corpora of case reports: build a Parquet store of courses, query it with DuckDB, synthesise cohorts.

`build` reads documents in worker processes (concurrent.futures, or Dask distributed on a cluster) and writes one
Parquet file per table and batch under the store folder; `store` opens it in DuckDB; `cohort` answers "every patient
with these conditions given this drug: what happened?". The package reads only the Course model and the rules' outputs.
"""
