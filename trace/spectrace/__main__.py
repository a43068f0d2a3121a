"""python -m spectrace."""

from spectrace.entry import run

run()
