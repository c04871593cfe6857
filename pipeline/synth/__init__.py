"""Synthetic passenger traffic with ground truth: flights, API and PNR messages, watchlists.

Entry point: ``pipeline.synth.generate.generate(config, out_dir)`` (the ``prescreen fixtures
generate`` command). Everything is deterministic for a seed and uses no wall clock.
"""
