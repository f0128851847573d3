"""`python -m storyline` runs the command-line interface."""

from .cli import main

main()
