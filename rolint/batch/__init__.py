"""Batch mode: check an archive of records (JSON Lines, Parquet, folders of documents) into one row per
finding, resumably, in this process, a local process pool or on a Dask cluster.

Modules: :mod:`~rolint.batch.records` (readers, bad records), :mod:`~rolint.batch.output` (JSON Lines and
Parquet writers), :mod:`~rolint.batch.progress` (the progress log a run resumes from),
:mod:`~rolint.batch.engines` (where partitions are checked), :mod:`~rolint.batch.run` (:func:`run_batch`),
:mod:`~rolint.batch.command` (``rolint batch``). Importing this package loads none of pyarrow or dask.
"""
