"""Cleaning at archive scale on Dask: a bag or a dataframe column of texts, or files (local paths,
globs, any fsspec URL) into an output tree or a Parquet dataset; see cleaner/app/archive_dask.py
and the README's "Archive scale". Needs ``pip install "cleaner[dask]"``.
"""

from .app.archive import RunReport
from .app.archive_dask import WORKER_CONFIG, clean_bag, clean_dataframe, clean_files, local_cluster, run_fix

__all__ = ["RunReport", "WORKER_CONFIG", "clean_bag", "clean_dataframe", "clean_files", "local_cluster", "run_fix"]
