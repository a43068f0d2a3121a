"""Writing inferred links back into the design as explicit references (``spectrace fix``).

``proposals`` chooses the links, ``style`` the form the design already uses, ``placement`` the
line of each item that takes the reference, ``textfile`` keeps each file's bytes (encoding,
byte-order mark, line endings), and ``fix`` applies, verifies and reports.
"""
