"""Errors the user can act on. Each message says what to do next."""


class AssistantError(Exception):
    """Base class: front-ends print the message (CLI) or a French apology (chat)."""


class EmptyQuestionError(AssistantError):
    def __init__(self) -> None:
        super().__init__("The question is empty: type a question, e.g. assistant ask \"quel salaire en début de carrière ?\"")


class QuestionTooLongError(AssistantError):
    def __init__(self, length: int, limit: int) -> None:
        self.length, self.limit = length, limit
        super().__init__(f"The question is {length} characters long; shorten it to at most {limit} characters.")


class IndexMissingError(AssistantError):
    def __init__(self, index_dir: object) -> None:
        super().__init__(f"No index found in {index_dir}: run `assistant ingest --index {index_dir}` first.")


class IndexStaleError(AssistantError):
    """The index on disk is unreadable or from an incompatible version."""


class ModelMismatchError(AssistantError):
    def __init__(self, index_model: str, wanted_model: str, index_dir: object) -> None:
        super().__init__(
            f"The index in {index_dir} was built with embedding model '{index_model}', "
            f"not '{wanted_model}': re-run `assistant ingest --embed-model {wanted_model}` "
            f"(or query with --embed-model {index_model})."
        )


class CorpusError(AssistantError):
    """The corpus folder is missing or holds no readable document."""


class EmbeddingModelError(AssistantError):
    """The embedding model named in the settings cannot be loaded."""


class BackendError(AssistantError):
    """An optional LLM backend failed or is misconfigured."""


class SettingsError(AssistantError):
    """A setting (flag or ASSISTANT_* variable) has a value the assistant cannot use."""


class FeedbackError(AssistantError):
    """A vote could not be written to the feedback log."""


class IndexBusyError(AssistantError):
    def __init__(self, index_dir: object) -> None:
        super().__init__(
            f"Another ingest is running on {index_dir} (un autre ingest est en cours): "
            "wait for it to finish, then run this one again."
        )
