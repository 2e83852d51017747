UNWIND $ids AS id
MATCH (e:Evidence {id: id})
RETURN e {.*} AS evidence
