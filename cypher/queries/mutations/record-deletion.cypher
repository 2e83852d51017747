CREATE (:DeletionRecord {relationId: $id, type: $type, fromId: $fromId, toId: $toId, props: $props, by: $by, at: datetime()})
