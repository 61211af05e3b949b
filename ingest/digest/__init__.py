"""The digest: a run's records as one self-contained HTML page of stories."""
