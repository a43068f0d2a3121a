"""python -m spectrace."""

from spectrace.cli import main

main()
