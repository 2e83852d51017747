// Gives a boot step's lease back, if this process still holds it.
MATCH (l:BootLock {id: $name})
WHERE l.holder = $holder
SET l.holder = null, l.expiresAt = null
