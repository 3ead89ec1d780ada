"""motesgraf: a knowledge graph of Swedish municipal meeting minutes."""
__version__ = "0.1.0"
