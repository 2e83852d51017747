import type { Executor, Row } from '../db/executor';
import { KIND_ID_PREFIX, type QualityFlagName, type RelationStatusName } from '../domain/vocabulary';
import { auditExportOf, type AuditExport } from '../audit/audit';
import type { EntityInput, EvidenceInput, FactInput, PeriodInput, RelationInput, SourceInput } from './types';

/**
 * The JSON Lines form of the ingest format, read by `npm run ingest -- file.jsonl` and written
 * by `npm run export`: one JSON object per line, each with exactly one key that tags what the
 * line holds. The records are those of schema/ingest.schema.json:
 *
 *   {"source": {...}}           a Source record (id, title, section, publisher, byline, kind, ...)
 *   {"entity": {...}}           an Entity record, with its facts and evidence
 *   {"relation": {...}}         a Relation record
 *   {"audit": {...}}            an entry of the audit log (who wrote what, when), restored as history
 *   {"idempotencyKey": "..."}   optional, at most once: the batch's idempotency key
 *
 * Blank lines are ignored. The whole file is one batch: the records of each tag are collected
 * in file order, so a relation may name an entity that appears further down.
 */
export type JsonlRecord =
  | { readonly source: SourceInput }
  | { readonly entity: EntityInput }
  | { readonly relation: RelationInput }
  | { readonly audit: AuditExport }
  | { readonly idempotencyKey: string };

/** The tags a .jsonl line may carry, and the batch array each record tag is collected into. */
export const JSONL_RECORD_TAGS = { source: 'sources', entity: 'entities', relation: 'relations' } as const;
export type JsonlRecordTag = keyof typeof JSONL_RECORD_TAGS;

/** One line of the .jsonl format, newline included. */
export function jsonlLine(record: JsonlRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** What an export wrote, and what it found that a re-ingest would refuse. */
export interface ExportStats {
  sources: number;
  entities: number;
  facts: number;
  relations: number;
  /** Distinct evidence spans cited by the records written. */
  evidence: number;
  /** Entries of the audit log. */
  audit: number;
  /** Relations left out because an end was written after the entities were read (writes during the export). */
  deferred: number;
  /** Records written incomplete (a missing evidence node, an entity without mentions, ...). */
  readonly problems: string[];
}

export function emptyExportStats(): ExportStats {
  return { sources: 0, entities: 0, facts: 0, relations: 0, evidence: 0, audit: 0, deferred: 0, problems: [] };
}

export interface ExportOptions {
  /** Entities or relations per read; sources are read a tenth as many at a time (they carry their text). */
  readonly pageSize?: number;
  /** Called after each page, for progress output. */
  readonly onPage?: (what: 'sources' | 'entities' | 'relations' | 'audit entries', written: number) => void;
}

export const DEFAULT_EXPORT_PAGE_SIZE = 500;

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

function optionalText(value: unknown): string | null {
  return value === null || value === undefined ? null : text(value);
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text) : [];
}

function int(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Compares by UTF-16 code units, like the ids' keyset paging in Cypher does for ASCII ids. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function period(start: unknown, end: unknown): PeriodInput | undefined {
  if (start === null || start === undefined) return undefined;
  return end === null || end === undefined ? { start: text(start) } : { start: text(start), end: text(end) };
}

/** Stored `properties` are a JSON object string; an empty one is left out of the record. */
function parseProperties(value: unknown, where: string, stats: ExportStats): Record<string, string> | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    const parsed = JSON.parse(text(value)) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const entries = Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, text(v)] as const);
      return entries.length === 0 ? undefined : Object.fromEntries(entries);
    }
  } catch {
    // Reported below, like any other value that is not an object.
  }
  stats.problems.push(`${where}: properties are not a JSON object and were left out`);
  return undefined;
}

/** Reads every evidence node a page cites, in one statement. */
async function evidenceMap(executor: Executor, ids: Iterable<string>): Promise<Map<string, EvidenceInput>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await executor.read('export/evidence-by-ids', { ids: unique });
  return new Map(
    rows.map((row) => [
      text(row.id),
      {
        source: text(row.source),
        paragraph: int(row.paragraph),
        start: int(row.start),
        end: int(row.end),
        quote: text(row.quote),
      },
    ]),
  );
}

interface EvidenceResolver {
  (ids: readonly string[], where: string): EvidenceInput[];
}

function resolver(found: Map<string, EvidenceInput>, stats: ExportStats, cited: Set<string>): EvidenceResolver {
  return (ids, where) => {
    const list: EvidenceInput[] = [];
    for (const id of ids) {
      const evidence = found.get(id);
      if (evidence === undefined) {
        stats.problems.push(`${where}: evidence ${id} is not in the graph and was left out`);
      } else {
        cited.add(id);
        list.push(evidence);
      }
    }
    if (list.length === 0) stats.problems.push(`${where}: no evidence (the record will not re-ingest)`);
    return list;
  };
}

function sourceRecord(row: Row): SourceInput {
  const date = optionalText(row.date);
  const originFile = optionalText(row.originFile);
  return {
    id: text(row.id),
    title: optionalText(row.title),
    section: optionalText(row.section),
    publisher: text(row.publisher),
    byline: optionalText(row.byline),
    kind: text(row.kind) as SourceInput['kind'],
    ...(date === null ? {} : { date }),
    ...(originFile === null
      ? {}
      : {
          origin: {
            file: originFile,
            sha256: text(row.originSha256),
            start: int(row.originStart),
            end: int(row.originEnd),
          },
        }),
    text: text(row.text),
    qualityFlags: texts(row.qualityFlags) as QualityFlagName[],
  };
}

/**
 * Orders an entity's facts by key, then id. The loader projects the first parseable fact of a
 * few keys (plannedArea, totalInvestment) onto the node as `<key>Amount`, `<key>Raw`, ...; the
 * fact whose value is the stored `<key>Raw` goes first in its key, so a re-ingest projects the
 * same one.
 */
function orderFacts(facts: readonly Row[], props: Record<string, unknown>): Row[] {
  const sorted = [...facts].sort(
    (a, b) => byCodeUnits(text(a.key), text(b.key)) || byCodeUnits(text(a.id), text(b.id)),
  );
  const ordered: Row[] = [];
  for (let first = 0; first < sorted.length;) {
    const key = text(sorted[first]?.key);
    let next = first;
    while (next < sorted.length && text(sorted[next]?.key) === key) next += 1;
    const group = sorted.slice(first, next);
    const lead = group.findIndex((fact) => fact.value === props[`${key}Raw`]);
    if (lead > 0) group.unshift(...group.splice(lead, 1));
    ordered.push(...group);
    first = next;
  }
  return ordered;
}

function factRecord(row: Row, evidence: EvidenceResolver, where: string, stats: ExportStats): FactInput {
  const date = optionalText(row.date);
  const span = period(row.periodStart, row.periodEnd);
  const properties = parseProperties(row.properties, where, stats);
  const qualityFlags = texts(row.qualityFlags) as QualityFlagName[];
  return {
    key: text(row.key),
    value: text(row.value),
    ...(date === null ? {} : { date }),
    ...(span === undefined ? {} : { period: span }),
    ...(properties === undefined ? {} : { properties }),
    evidence: evidence(texts(row.evidenceIds), `${where}.evidence`),
    ...(qualityFlags.length === 0 ? {} : { qualityFlags }),
  };
}

function entityRecord(row: Row, evidence: EvidenceResolver, stats: ExportStats): EntityInput {
  const id = text(row.id);
  const props = (row.props ?? {}) as Record<string, unknown>;
  const mentions = (Array.isArray(row.mentions) ? row.mentions : []).flatMap(texts);
  const facts = orderFacts(Array.isArray(row.facts) ? (row.facts as Row[]) : [], props);
  return {
    id,
    kind: text(props.kind) as EntityInput['kind'],
    subtype: optionalText(props.subtype),
    name: text(props.name),
    englishName: optionalText(props.englishName),
    aliases: texts(props.aliases),
    ...(texts(props.mergedIds).length === 0 ? {} : { mergedIds: texts(props.mergedIds) }),
    industries: texts(props.industries),
    evidence: evidence(mentions, `entity ${id} evidence`),
    facts: facts.map((fact) => factRecord(fact, evidence, `entity ${id} fact ${text(fact.id)}`, stats)),
    qualityFlags: texts(props.qualityFlags) as QualityFlagName[],
  };
}

function relationRecord(row: Row, evidence: EvidenceResolver, stats: ExportStats): RelationInput {
  const where = `relation ${text(row.id)}`;
  const optional = (name: string, value: unknown): Record<string, string> => {
    const present = optionalText(value);
    return present === null ? {} : { [name]: present };
  };
  const span = period(row.periodStart, row.periodEnd);
  const properties = parseProperties(row.properties, where, stats);
  return {
    type: text(row.type) as RelationInput['type'],
    from: text(row.from),
    to: text(row.to),
    ...optional('key', row.key),
    ...optional('amount', row.amount),
    ...optional('date', row.date),
    ...(span === undefined ? {} : { period: span }),
    ...(optional('status', row.status) as { status?: RelationStatusName }),
    ...optional('role', row.role),
    ...(properties === undefined ? {} : { properties }),
    evidence: evidence(texts(row.evidenceIds), `${where} evidence`),
    qualityFlags: texts(row.qualityFlags) as QualityFlagName[],
  };
}

/** Reads one kind of row page by page in id order, each page in its own read transaction. */
async function* pages(
  executor: Executor,
  name: 'export/sources-page' | 'export/entities-page' | 'export/relations-page' | 'audit/export-page',
  limit: number,
): AsyncGenerator<Row[]> {
  let after = '';
  for (;;) {
    const rows = await executor.read(name, { after, limit });
    if (rows.length === 0) return;
    yield rows;
    after = text(rows[rows.length - 1]?.id);
    if (rows.length < limit) return;
  }
}

/**
 * The given entities in the ingest form, as the export writes them (with their facts and the
 * evidence of their mentions): what a loader that adds to a stored entity starts from. Ids
 * that are not entities are left out; `problems` lists what could not be read whole.
 */
export async function exportEntities(
  executor: Executor,
  ids: readonly string[],
): Promise<{ entities: EntityInput[]; problems: readonly string[] }> {
  const stats = emptyExportStats();
  if (ids.length === 0) return { entities: [], problems: stats.problems };
  const rows = await executor.read('export/entities-by-ids', { ids: [...new Set(ids)] });
  const cited = rows.flatMap((row) => [
    ...(Array.isArray(row.mentions) ? row.mentions : []).flatMap(texts),
    ...(Array.isArray(row.facts) ? (row.facts as Row[]) : []).flatMap((fact) => texts(fact.evidenceIds)),
  ]);
  const evidence = resolver(await evidenceMap(executor, cited), stats, new Set());
  return { entities: rows.map((row) => entityRecord(row, evidence, stats)), problems: stats.problems };
}

/**
 * The whole graph as .jsonl lines: entities (with their facts and the evidence of their
 * mentions), then relations (MENTIONED_IN left out: the loader derives it), then sources, each
 * in id order, so two exports of the same graph are byte-identical. Rows are read in pages and
 * yielded line by line, so the caller can stream them to a file; `stats` is filled as it goes.
 * Ingesting the lines as one batch reproduces the graph: the same ids, properties, facts,
 * evidence and links (timestamps and ledger rows aside).
 *
 * Taken while others write, the file is still whole: pages are read one after the other, not
 * in one snapshot, so a relation to an entity written after the entities were read is left
 * for the next export (counted in `stats.deferred`), and sources come last, so every source
 * that evidence cites is in the file (sources are never deleted and always written before what
 * cites them).
 */
export async function* exportLines(
  executor: Executor,
  stats: ExportStats,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  const pageSize = options.pageSize ?? DEFAULT_EXPORT_PAGE_SIZE;
  const cited = new Set<string>();
  const exported = new Set<string>();

  for await (const rows of pages(executor, 'export/entities-page', pageSize)) {
    const ids = rows.flatMap((row) => [
      ...(Array.isArray(row.mentions) ? row.mentions : []).flatMap(texts),
      ...(Array.isArray(row.facts) ? (row.facts as Row[]) : []).flatMap((fact) => texts(fact.evidenceIds)),
    ]);
    const evidence = resolver(await evidenceMap(executor, ids), stats, cited);
    for (const row of rows) {
      const entity = entityRecord(row, evidence, stats);
      stats.entities += 1;
      stats.facts += entity.facts?.length ?? 0;
      exported.add(entity.id);
      yield jsonlLine({ entity });
    }
    options.onPage?.('entities', stats.entities);
  }

  for await (const rows of pages(executor, 'export/relations-page', pageSize)) {
    // A source end is always in the file: sources come last and are never deleted.
    const present = (id: string): boolean => exported.has(id) || id.startsWith(`${KIND_ID_PREFIX.SOURCE}:`);
    const kept = rows.filter((row) => present(text(row.from)) && present(text(row.to)));
    stats.deferred += rows.length - kept.length;
    const evidence = resolver(
      await evidenceMap(
        executor,
        kept.flatMap((row) => texts(row.evidenceIds)),
      ),
      stats,
      cited,
    );
    for (const row of kept) {
      stats.relations += 1;
      yield jsonlLine({ relation: relationRecord(row, evidence, stats) });
    }
    options.onPage?.('relations', stats.relations);
  }

  for await (const rows of pages(executor, 'export/sources-page', Math.max(1, Math.floor(pageSize / 10)))) {
    for (const row of rows) {
      stats.sources += 1;
      yield jsonlLine({ source: sourceRecord(row) });
    }
    options.onPage?.('sources', stats.sources);
  }

  // The audit log last: history of the writes above (an entry recorded while they were read may
  // name a write the file does not hold yet; the next export has both).
  for await (const rows of pages(executor, 'audit/export-page', pageSize)) {
    for (const row of rows) {
      stats.audit += 1;
      yield jsonlLine({ audit: auditExportOf(row) });
    }
    options.onPage?.('audit entries', stats.audit);
  }
  stats.evidence = cited.size;
}
