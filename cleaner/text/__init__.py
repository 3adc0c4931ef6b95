"""The text itself: documents and their protected spans, edits and how they apply, reading and
writing files."""
