"""Evaluation wing: run a question set through the pipeline (`run.py`), score it (`metrics.py`), write the report
and plots (`report.py`)."""
