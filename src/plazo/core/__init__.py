"""The functional core: plain Python and NumPy that decides, with no Django, network or clock.

Everything here takes time and randomness as arguments, so a reader can run any function in a REPL
with plain values. Nothing in this package may import Django or the application's shell modules.
"""
