// How many entities a list filtered by a region holds (read/list-region).
//@include region-anchor
//@include list-filters
RETURN count(n) AS count
