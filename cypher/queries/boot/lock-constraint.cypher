// One lease node per boot step: MERGE on it is safe against concurrent processes only with this.
CREATE CONSTRAINT boot_lock_id IF NOT EXISTS FOR (l:BootLock) REQUIRE l.id IS UNIQUE
