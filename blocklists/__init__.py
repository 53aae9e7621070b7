"""Data only: Moisson's blocklists, one `<category>.tsv` file per category (see README.md)."""
