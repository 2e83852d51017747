import type { Executor } from '../db/executor';
import type { GraphLookup } from './validate';

/** The validator's view of the graph: one batched read per question. */
export function graphLookup(executor: Executor): GraphLookup {
  return {
    async sourceTexts(ids) {
      if (ids.length === 0) return new Map();
      const rows = await executor.read('ingest/lookup-sources', { ids });
      return new Map(rows.map((row) => [String(row.id), String(row.text)]));
    },
    async existingIds(ids) {
      if (ids.length === 0) return new Set();
      const rows = await executor.read('ingest/lookup-ids', { ids });
      return new Set(rows.map((row) => String(row.id)));
    },
    async mergedInto(ids) {
      if (ids.length === 0) return new Map();
      const rows = await executor.read('ingest/lookup-merged', { ids });
      return new Map(rows.map((row) => [String(row.id), String(row.keep)]));
    },
    async nameOwners(names) {
      if (names.length === 0) return new Map();
      const rows = await executor.read('ingest/lookup-names', { names });
      return new Map(rows.map((row) => [String(row.name), String(row.entityId)]));
    },
  };
}
