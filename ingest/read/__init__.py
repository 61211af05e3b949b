"""Reading: where articles come from (files, folders, URLs, feeds) and how their bytes become text."""
