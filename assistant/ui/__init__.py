"""Browser wing: the Gradio wiring (`app.py`), the chat turns (`chat.py`) and the Documents tab (`documents.py`)."""
