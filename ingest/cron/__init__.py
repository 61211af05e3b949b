"""`babelwire refresh`: configuration, state, the run lock and the incremental run itself."""
