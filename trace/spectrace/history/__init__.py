"""Traceability over a repository's history: two states traced and compared (``spectrace diff``).

``git`` reads commits with plumbing commands, ``revision`` finds a commit's specs as ``discover``
finds them on disk, ``compare`` turns two reports into ``changes``.
"""
