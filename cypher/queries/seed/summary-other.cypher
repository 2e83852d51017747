CALL () { MATCH (f:Fact) RETURN count(f) AS facts }
CALL () { MATCH (e:Evidence) RETURN count(e) AS evidence }
RETURN facts, evidence
