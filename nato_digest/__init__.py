"""nato-digest: offline news digests — summaries, actors, countries and quotes — with offsets."""

__version__ = "0.1.0"
