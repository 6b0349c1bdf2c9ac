"""Errors shown to users: each carries one line of French."""


class MaillageError(Exception):
    """An error the CLI and the dashboard show as one French line, without a traceback."""


class TaxonomyError(MaillageError, ValueError):
    """A code outside the closed vocabularies of the taxonomy."""

    def __init__(self, vocabulary: str, value: object, where: str = "", accepted: list[str] | None = None) -> None:
        self.vocabulary = vocabulary
        self.value = value
        self.where = where
        place = f" ({where})" if where else ""
        choices = f" ; valeurs possibles : {', '.join(accepted)}" if accepted else ""
        super().__init__(f"code inconnu pour {vocabulary} : {value!r}{place}{choices}")


class StoreLockedError(MaillageError):
    """Another process holds the embedded database read-write."""


class InputError(MaillageError):
    """A file or value given by the user cannot be read or is invalid."""
