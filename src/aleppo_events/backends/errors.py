"""The one error a backend raises when it cannot run here (kept apart so the backends need not import their package)."""


class BackendUnavailable(RuntimeError):
    """A backend was asked for but its library or models are missing (message in plain words)."""
