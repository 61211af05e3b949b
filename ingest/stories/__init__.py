"""Stories across languages: wire copies, same-event stories and watch terms."""
