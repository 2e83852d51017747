  // An unfiltered list (read/list-page): no filter to test. read/list-filtered includes list-filters here.
