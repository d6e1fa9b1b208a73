"""Example update files for the Update data page (see ``build_examples.py``)."""
