"""Ways to show results: text and diff (report.py), the terminal (term.py), SARIF, GitHub
annotations and the HTML report. Above the engine; below the command line."""
