"""A landing folder of any size for load and speed tests: many municipalities, set-based.

`toteuma demo --municipalities N --years Y --rows R --seed S --out DIR`; see `generate`.
"""
