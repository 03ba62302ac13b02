"""Conseiller Carrières IA: a French, offline, grounded career assistant on AI jobs."""

import os

# Chroma and Gradio phone home unless told not to; nothing here may touch the network.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

__version__ = "0.1.0"
