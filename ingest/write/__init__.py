"""Output: the record (one typed structure and its JSON Schema) and the JSONL writer."""
