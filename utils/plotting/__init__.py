"""Pure plotting functions: arguments in, a matplotlib Figure out; one module per topic."""
