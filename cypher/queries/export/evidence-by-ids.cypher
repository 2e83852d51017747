// The evidence spans one export page cites, in one round trip.
UNWIND $ids AS id
MATCH (e:Evidence {id: id})
RETURN e.id AS id, e.sourceId AS source, e.paragraph AS paragraph, e.charStart AS start, e.charEnd AS end,
       e.quote AS quote
