// One page of a list filtered by a region (and no zone): the filter traverses outward from the
// region, so the cost follows what lies in the region, not the graph.
//@include region-anchor
//@include list-filters
//@include anchored-page
