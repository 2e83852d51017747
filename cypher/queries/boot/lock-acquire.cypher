// Takes (or renews) the lease of a boot step that one process at a time may run (src/db/boot-lock.ts).
// The first SET takes the node's write lock, so the holder is read after any concurrent taker
// committed: two processes can never both see the lease free.
MERGE (l:BootLock {id: $name})
SET l.touchedAt = datetime()
WITH l, (l.holder IS NULL OR l.holder = $holder OR l.expiresAt < datetime()) AS free
SET
  l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
  l.expiresAt = CASE WHEN free THEN datetime() + duration({milliseconds: $leaseMs}) ELSE l.expiresAt END
RETURN l.holder AS holder, toString(l.expiresAt) AS expiresAt
