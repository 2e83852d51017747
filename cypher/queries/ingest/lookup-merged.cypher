// Which of the given ids were merged into another entity, and into which.
MATCH (m:MergeRecord)
WHERE m.merged IN $ids
RETURN m.merged AS id, m.keep AS keep
