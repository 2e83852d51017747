// The catalogue's relations (LOCATED_IN, PART_OF) that are already in the graph, with the
// evidence they cite: one id-index seek per type and row.
UNWIND $ids AS id
MATCH ()-[r:LOCATED_IN|PART_OF {id: id}]->()
RETURN r.id AS id, r.evidenceIds AS evidenceIds
