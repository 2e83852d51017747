// One GraphVersion node holds the token every write replaces (cypher/queries/graph/*): the
// constraint keeps concurrent first writes from creating two and makes its lookup a seek.
CREATE CONSTRAINT graph_version_id IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE;
