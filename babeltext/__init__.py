"""Helpers every stage shares: letter case and folding done right for each language, and the XDG folders.

A package of its own, below both `ingest` and `translate`, so that cleaning,
language ID, stories and translation can share them (and find the same
cache folder) while imports keep to one direction (it imports nothing of
babelwire's).
"""
