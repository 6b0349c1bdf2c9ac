"""maillage: a knowledge base of the territorial economic community in France."""

__version__ = "0.1.0"
