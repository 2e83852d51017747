// Evidence ids hash (source, start, end): the same span is one node however many facts cite it.
UNWIND $rows AS row
MATCH (s:Source {id: row.sourceId})
MERGE (e:Evidence {id: row.id})
SET e.sourceId = row.sourceId, e.paragraph = row.paragraph, e.charStart = row.charStart,
    e.charEnd = row.charEnd, e.quote = row.quote
MERGE (e)-[:IN_SOURCE]->(s)
RETURN count(e) AS written
