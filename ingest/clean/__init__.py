"""Cleaning: the article separated from the site's chrome, with every removed line and the reason, and its dates."""
