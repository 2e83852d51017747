// Resamples every index and drops the cached plans (after the boot loaded an empty graph: the
// plans made at start-up were made on the empty graph). A READ procedure.
CALL db.prepareForReplanning()
