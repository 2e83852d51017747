  // analytics/paths: no stage for a length past the bound asked for.
