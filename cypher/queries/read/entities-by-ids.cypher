// Entities by id. The maps leave out (as null) what no field reads and costs to send: the
// timestamps (temporal values the driver decodes slowly) and the derived order and search keys;
// the other entity reads project the same way.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {.*, createdAt: null, updatedAt: null, listKey: null, investAscKey: null, investDescKey: null, relCountKey: null, searchKeys: null, searchCells: null} AS entity
