"""Test helpers that keep processes the monkeypatches cannot reach off the network."""
