MATCH (c:NameClaim)
WHERE c.text IN $names
RETURN c.text AS name, c.entityId AS entityId
