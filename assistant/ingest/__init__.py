"""Ingest wing: read each source file (`readers/`, `sources.py`), clean it, cut it into sentences and passages and
build the index (`build.py`, entry point `build_index`)."""
