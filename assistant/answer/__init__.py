"""Answer wing: one analysis of the question (`question.py`), follow-ups (`conversation.py`), the extractive
answerer (`extractive.py`), the optional model (`llm.py`), figures, citations and their verification."""
