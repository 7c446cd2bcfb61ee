"""Body measurements: canonical names, units, measurement files."""
