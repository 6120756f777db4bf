"""One great-expectations suite per finance source kind, named as the kind."""
