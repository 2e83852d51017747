import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../db/cypher';
import type { Executor } from '../db/executor';
import type { EntityInput, IngestBatch } from '../ingest/types';
import { exportEntities } from '../ingest/export';
import { graphLookup } from '../ingest/graph-lookup';
import { relationId, stableHash } from '../ingest/ids';
import { contentKey, ingestBatch, type IngestResult } from '../ingest/writer';
import { mergeEntities } from '../mutations/write-service';
import { buildCatalogueBatch, CATALOGUE_FILE, CATALOGUE_SOURCE_ID, type CatalogueBatchSummary } from './batch';
import { allCities } from './divisions';
import { PROVINCES } from './provinces';
import { resolveRows, type GraphZone, type Resolution } from './resolve';
import { parseCatalogue, type RowDefect } from './rows';

/**
 * The national zone catalogue's loader: parse and check the file, resolve its rows against the
 * zones the graph holds, build one ingest batch and write it through the one write path
 * (src/ingest/writer.ts), which validates it whole, chunks it and records it in the ledger.
 * Running it twice changes nothing: the second batch is the same content and the ledger holds it.
 */

export const DEFAULT_CATALOGUE_PATH = path.join(PROJECT_ROOT, CATALOGUE_FILE);

export interface CatalogueImportOptions {
  /** The CSV file (default: data/china-zones-2018/catalogue.csv). */
  readonly file?: string;
  /** The source id its text is stored under (default: the committed catalogue's). */
  readonly sourceId?: string;
  /** Resolve, build and validate; write nothing (no merge either). */
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  /** Write even chunks the ledger holds (MERGE keeps that harmless). */
  readonly force?: boolean;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

export type CatalogueImportStatus = IngestResult['status'] | 'DEFECTIVE';

export interface SkippedRelation {
  readonly id: string;
  readonly type: string;
  readonly from: string;
  readonly to: string;
}

export interface CatalogueImportReport {
  readonly status: CatalogueImportStatus;
  readonly file: string;
  readonly sha256: string;
  /** Every defect of the file, REJECT and FLAG alike, by line. */
  readonly defects: readonly RowDefect[];
  readonly resolutions: readonly Resolution[];
  /** Graph zones (from other sources) no row matched: they stay as they are. */
  readonly unmatched: readonly GraphZone[];
  /** Catalogue zones merged into the graph zone they matched (only when one existed already). */
  readonly merges: readonly { readonly keep: string; readonly merge: string }[];
  /** Relations the graph already states from another source: left as they are. */
  readonly skippedRelations: readonly SkippedRelation[];
  readonly summary: CatalogueBatchSummary | null;
  readonly result: IngestResult | null;
  readonly elapsedMs: number;
}

/** Reads stored regions; a region whose every citation is the catalogue's is the catalogue's own. */
async function storedRegions(
  executor: Executor,
  sourceId: string,
): Promise<Map<string, { name: string; aliases: string[] }>> {
  const ids = [...PROVINCES.map((p) => p.id), ...allCities().map((c) => c.id)];
  const { entities } = await exportEntities(executor, ids);
  return new Map(
    entities
      .filter((entity) => !entity.evidence.every((item) => item.source === sourceId))
      .map((entity) => [entity.id, { name: entity.name, aliases: entity.aliases ?? [] }]),
  );
}

/**
 * Drops the relations the graph already holds with other evidence (the seed's 长治市 PART_OF
 * 山西省): writing them would replace another source's evidence with the catalogue's.
 */
async function withoutForeignRelations(
  executor: Executor,
  batch: IngestBatch,
): Promise<{ batch: IngestBatch; skipped: SkippedRelation[] }> {
  const relations = batch.relations ?? [];
  const planned = relations.map((relation) => {
    const ends = relationId(relation.type, relation.from, relation.to, relation.key);
    const evidenceIds = relation.evidence
      .map((item) => `ev:${stableHash(item.source, item.start, item.end)}`)
      .sort()
      .join(' ');
    return { relation, id: ends.id, evidenceIds };
  });
  if (relations.some((relation) => relation.type !== 'LOCATED_IN' && relation.type !== 'PART_OF')) {
    throw new Error('the catalogue writes LOCATED_IN and PART_OF relations only');
  }
  const stored = new Map<string, string>();
  for (let at = 0; at < planned.length; at += 2000) {
    const rows = await executor.read('catalogue/relations-by-ids', {
      ids: planned.slice(at, at + 2000).map(({ id }) => id),
    });
    for (const row of rows) {
      const ids = Array.isArray(row.evidenceIds) ? row.evidenceIds.map(String) : [];
      stored.set(String(row.id), [...ids].sort().join(' '));
    }
  }
  const skipped: SkippedRelation[] = [];
  const kept = planned.filter(({ relation, id, evidenceIds }) => {
    const other = stored.get(id);
    if (other === undefined || other === evidenceIds) return true;
    skipped.push({ id, type: relation.type, from: relation.from, to: relation.to });
    return false;
  });
  return { batch: { ...batch, relations: kept.map(({ relation }) => relation) }, skipped };
}

/** Parses, resolves, builds and (unless a dry run) writes the catalogue. */
export async function importCatalogue(
  executor: Executor,
  options: CatalogueImportOptions = {},
): Promise<CatalogueImportReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const file = options.file ?? DEFAULT_CATALOGUE_PATH;
  const bytes = fs.readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sourceId = options.sourceId ?? CATALOGUE_SOURCE_ID;
  const parsed = parseCatalogue(bytes.toString('utf8'));
  const base = { file, sha256, defects: parsed.defects };
  if (parsed.rejected) {
    return {
      ...base,
      status: 'DEFECTIVE',
      resolutions: [],
      unmatched: [],
      merges: [],
      skippedRelations: [],
      summary: null,
      result: null,
      elapsedMs: Date.now() - started,
    };
  }
  log(
    `catalogue: ${parsed.rows.length} rows read (${parsed.defects.length} flagged defects); resolving against the graph`,
  );

  const zones: GraphZone[] = (await executor.read('catalogue/graph-zones')).map((row) => ({
    id: String(row.id),
    name: String(row.name),
    aliases: Array.isArray(row.aliases) ? row.aliases.map(String) : [],
    subtype: row.subtype === null || row.subtype === undefined ? null : String(row.subtype),
    identifiers: Array.isArray(row.identifiers) ? row.identifiers.map(String) : [],
    regions: (Array.isArray(row.regions) ? (row.regions as Record<string, unknown>[]) : []).map((region) => ({
      id: String(region.id),
      name: String(region.name),
      subtype: region.subtype === null || region.subtype === undefined ? null : String(region.subtype),
    })),
  }));
  const rowIds = parsed.rows.map((row) => row.id);
  const lookup = graphLookup(executor);
  const merged = await lookup.mergedInto(rowIds);
  const resolutions = resolveRows(parsed.rows, zones, merged);
  const matchedTargets = new Set(resolutions.flatMap((r) => (r.target === null ? [] : [r.target])));
  const unmatched = zones.filter((zone) => !matchedTargets.has(zone.id));

  // A row matched to a graph zone while its own catalogue zone is in the graph too (loaded
  // before the other source's zone arrived): the two are merged through the merge path first,
  // keeping the other source's entity, so the row's data lands on one zone.
  const present = await lookup.existingIds(rowIds);
  const merges = resolutions
    .filter((r) => r.outcome === 'MATCHED' && r.target !== null && r.target !== r.row.id && present.has(r.row.id))
    .map((r) => ({ keep: r.target as string, merge: r.row.id }));
  if (!options.dryRun) {
    for (const { keep, merge } of merges) {
      await mergeEntities(executor, keep, merge, 'national zone catalogue: the same zone', 'import:catalogue');
      log(`catalogue: merged ${merge} into ${keep}`);
    }
  }

  const linkedIds = resolutions.flatMap((r) => (r.outcome === 'MATCHED' && r.target !== null ? [r.target] : []));
  const stored = new Map((await exportEntities(executor, linkedIds)).entities.map((entity) => [entity.id, entity]));
  const linkedZones = new Map<string, EntityInput>();
  for (const resolution of resolutions) {
    const entity = resolution.target === null ? undefined : stored.get(resolution.target);
    if (resolution.outcome === 'MATCHED' && entity !== undefined) linkedZones.set(resolution.row.id, entity);
  }
  const built = buildCatalogueBatch(parsed, sha256, {
    linkedZones,
    existingRegions: await storedRegions(executor, sourceId),
    sourceId,
    file: path.relative(PROJECT_ROOT, file),
  });
  const { batch, skipped } = await withoutForeignRelations(executor, built.batch);
  // The same batch the ledger holds as complete was written whole: nothing to check or write.
  // (ingestBatch would conclude the same after validating and planning 20,000 facts.)
  const key = contentKey(batch);
  const recorded = options.force ? [] : await executor.read('ingest/ledger-find', { key });
  if (recorded.length > 0 && recorded[0]?.content === key) {
    log('catalogue: the ledger holds this batch as written: nothing to do');
    return {
      ...base,
      status: 'ALREADY_APPLIED',
      resolutions,
      unmatched,
      merges,
      skippedRelations: skipped,
      summary: built.summary,
      result: {
        status: 'ALREADY_APPLIED',
        issues: [],
        counts: batchCounts(batch),
        chunksApplied: 0,
        chunksSkipped: 0,
        idempotencyKey: key,
      },
      elapsedMs: Date.now() - started,
    };
  }
  log(
    `catalogue: ${built.summary.zones} zones (${built.summary.linked} onto graph zones), ${built.summary.provinces} provinces, ` +
      `${built.summary.cities} cities; ${dryRunWord(options)}`,
  );
  const result = await ingestBatch(executor, batch, {
    origin: 'catalogue',
    timeoutMs: 300_000,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.dryRun === undefined ? {} : { dryRun: options.dryRun }),
    ...(options.force === undefined ? {} : { ignoreLedger: options.force }),
    onProgress: (done, total, wasSkipped) =>
      log(`catalogue: chunk ${done}/${total} ${wasSkipped ? 'already loaded' : 'written'}`),
  });
  return {
    ...base,
    status: result.status,
    resolutions,
    unmatched,
    merges,
    skippedRelations: skipped,
    summary: built.summary,
    result,
    elapsedMs: Date.now() - started,
  };
}

/** What a batch holds, counted as the planner counts it (evidence: distinct cited spans). */
function batchCounts(batch: IngestBatch): IngestResult['counts'] {
  const entities = batch.entities ?? [];
  const relations = batch.relations ?? [];
  const spans = new Set(
    [
      ...entities.flatMap((e) => [...e.evidence, ...(e.facts ?? []).flatMap((f) => f.evidence)]),
      ...relations.flatMap((r) => r.evidence),
    ].map((item) => `${item.source}|${item.start ?? ''}|${item.end ?? ''}`),
  );
  return {
    sources: batch.sources?.length ?? 0,
    entities: entities.length,
    facts: entities.reduce((sum, e) => sum + (e.facts?.length ?? 0), 0),
    relations: relations.length,
    evidence: spans.size,
  };
}

function dryRunWord(options: CatalogueImportOptions): string {
  return options.dryRun ? 'validating (dry run: nothing is written)' : 'writing';
}
