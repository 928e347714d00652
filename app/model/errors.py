"""The one error type a user can meet, with a human message."""


class ReasonmapError(Exception):
    """Base of every error Reasonmap reports to a user; str() is the message."""


class ModelError(ReasonmapError):
    """A command or change that does not fit the current map (unknown id, bad value...)."""
