import type { Executor } from '../db/executor';
import { scriptKey } from '../search/name-forms';
import type { IngestBatch } from './types';
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

/**
 * What earlier batches would have written, for a dry run of several files in a row: the next
 * file is validated as if they were in the graph (its relations may name their entities, its
 * evidence their sources, and their names are taken).
 */
export class PendingWrites {
  private readonly ids = new Set<string>();
  private readonly texts = new Map<string, string>();
  /** Script key of each name → the entity that would claim it. */
  private readonly names = new Map<string, string>();

  add(batch: IngestBatch): void {
    for (const source of batch.sources ?? []) {
      this.ids.add(source.id);
      this.texts.set(source.id, source.text);
    }
    for (const entity of batch.entities ?? []) {
      this.ids.add(entity.id);
      for (const name of [entity.name, ...(entity.aliases ?? [])]) this.names.set(scriptKey(name), entity.id);
    }
  }

  /** `base` (the database) with these writes laid over it. */
  over(base: GraphLookup): GraphLookup {
    return {
      sourceTexts: async (ids) => {
        const found = await base.sourceTexts(ids.filter((id) => !this.texts.has(id)));
        for (const id of ids) {
          const text = this.texts.get(id);
          if (text !== undefined) found.set(id, text);
        }
        return found;
      },
      existingIds: async (ids) => {
        const found = await base.existingIds(ids.filter((id) => !this.ids.has(id)));
        for (const id of ids) if (this.ids.has(id)) found.add(id);
        return found;
      },
      mergedInto: (ids) => base.mergedInto(ids),
      nameOwners: async (names) => {
        const found = await base.nameOwners(names);
        for (const name of names) {
          const owner = this.names.get(scriptKey(name));
          if (owner !== undefined) found.set(name, owner);
        }
        return found;
      },
    };
  }
}
