"""Language identification of documents and of each of their segments."""
