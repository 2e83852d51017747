// How many entities of one kind there are, from the count store: one read however many.
MATCH (n:{{label}})
RETURN count(n) AS count
