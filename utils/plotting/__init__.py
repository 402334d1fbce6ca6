"""Pure plotting functions: arguments in, a matplotlib Figure out; one module per lecture (named like its module in
`utils.checks` and `utils.widgets`), the course style in `style`."""
