// How many entities a list filtered by a zone holds (read/list-zone).
//@include zone-anchor
//@include list-filters
RETURN count(n) AS count
