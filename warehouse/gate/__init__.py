"""The quality gate: collect every check of a run, apply waivers, keep history, decide."""
