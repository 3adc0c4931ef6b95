"""The command line and what it drives: finding files, running workers, writing results,
reviewing changes, configuration, the results cache and accept lists. The top layer."""
