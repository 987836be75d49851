"""Pure domain of evodesk: values, rules and errors, no I/O."""
