"""The lock file: what each requirement said when the design was last reviewed against it.

``spectrace lock`` records, per requirement and criterion, a fingerprint of its words and the
design items linked to it (``entries``, written and read by ``file``, found by ``location``);
``spectrace check`` then reports those links as suspect (ST601, ``suspects``) when the words
changed since. See docs/changes.md. The modules are imported one by one: ``location`` alone is
what a replayed ``check`` needs, without the parsers.
"""
