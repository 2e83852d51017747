// The graph version HTTP caches validate against (src/http/http-cache.ts): a token that every
// write transaction replaces (graph/bump-version). One index seek; no node before the first write.
OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
RETURN v.token AS token, v.writes AS writes
