// One page of a list filtered by a zone: the filter traverses outward from the zone, so the
// cost follows the zone's members, not the graph (Zone.enterprises and Zone.projects read
// their pages from the page index: read/member-page).
//@include zone-anchor
//@include list-filters
//@include anchored-page
