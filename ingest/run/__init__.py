"""A run: the stages (prepare, translate, assemble) and the engines that drive them."""
