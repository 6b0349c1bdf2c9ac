"""The ``maillage`` command: one French click group, commands registered by topic modules."""
from __future__ import annotations

import click

from maillage.cli.french import FrenchGroup, install_click_translation

install_click_translation()


@click.group(cls=FrenchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="maillage")
def main() -> None:
    """maillage : la base de connaissances des acteurs de l'économie territoriale."""


def _register() -> None:
    """Import the topic modules; each adds its commands to ``main``."""
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_") and info.name != "french":
            importlib.import_module(f"{__name__}.{info.name}")


_register()
