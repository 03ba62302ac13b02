"""Index wing: embeddings (`embed.py`, `e5_gemm.py`), the stored index (`store.py`), hybrid retrieval
(`retrieve.py`) and the corpus profile derived at ingest (`profile.py`: its jobs, their names, each document's jobs)."""
