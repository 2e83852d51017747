// How many zones a list filtered by subtype or approval level holds (read/zone-class-page):
// read from the class index, class by class.
UNWIND $classes AS class
CALL (class) {
  MATCH (n:Zone)
  // listKey: every zone has one, and naming it lets the (zoneClass, listKey) index serve the count.
  WHERE n.zoneClass = class AND n.listKey IS NOT NULL AND n.kind = $kind
//@include list-filters
  RETURN count(n) AS count
}
RETURN sum(count) AS count
