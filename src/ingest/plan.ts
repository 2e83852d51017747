import { approvalLevelOf, KIND_LABEL, NOT_PRESENTABLE_FLAGS, type QualityFlagName } from '../domain/vocabulary';
import { deriveNameForms, sortKey } from '../search/name-forms';
import { searchKeys } from '../search/search-keys';
import { listKey } from '../domain/list-orders';
import { parseMoney, tryParseQuantity, type Quantity } from './quantity';
import type {
  EntityInput,
  EvidenceInput,
  FactInput,
  IngestBatch,
  PeriodInput,
  RelationInput,
  SourceInput,
} from './types';
import { factId, relationId, stableHash } from './ids';
import { paragraphOf } from './paragraphs';
import { knownFactKeys } from './validate';

export { relationId, stableHash } from './ids';
export { paragraphOf, paragraphStarts } from './paragraphs';

export interface EvidenceRow {
  id: string;
  sourceId: string;
  paragraph: number;
  charStart: number;
  charEnd: number;
  quote: string;
}

export interface SourceRow {
  id: string;
  label: string;
  props: Record<string, unknown>;
}

export interface EntityRow {
  id: string;
  label: string;
  props: Record<string, unknown>;
  names: string[];
  /** Facts replace the entity's previous facts only when the input listed them. */
  replaceFacts: boolean;
}

export interface FactRow {
  id: string;
  entityId: string;
  props: Record<string, unknown>;
}

export interface RelationRow {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

/** One unit of work: written in one transaction, recorded by one ledger row. */
export interface WriteChunk {
  sources: SourceRow[];
  entities: EntityRow[];
  evidence: EvidenceRow[];
  facts: FactRow[];
  mentions: RelationRow[];
  relations: RelationRow[];
  /** Input items (sources + entities + relations) the chunk carries. */
  items: number;
}

export interface WritePlan {
  readonly chunks: WriteChunk[];
  readonly counts: { sources: number; entities: number; facts: number; relations: number; evidence: number };
}

function locate(evidence: EvidenceInput, text: string): EvidenceRow {
  const start = evidence.start ?? text.indexOf(evidence.quote);
  const end = evidence.end ?? start + evidence.quote.length;
  // Always derived from the offsets: a stated paragraph is checked by the validator, not trusted.
  const paragraph = paragraphOf(text, start, end);
  return {
    id: `ev:${stableHash(evidence.source, start, end)}`,
    sourceId: evidence.source,
    paragraph,
    charStart: start,
    charEnd: end,
    quote: evidence.quote,
  };
}

const QUANTITY_FIELDS = [
  'Amount',
  'Unit',
  'CountNoun',
  'Qualifier',
  'Lower',
  'Upper',
  'Raw',
  'Sort',
  'Expected',
] as const;

/** The stored fields of a quantity; all null when there is none, so a stored one is cleared. */
function quantityProps(prefix: string, quantity: Quantity | null, expected = false): Record<string, unknown> {
  if (quantity === null) return Object.fromEntries(QUANTITY_FIELDS.map((field) => [`${prefix}${field}`, null]));
  return {
    // The page gives the figure as a forecast or plan (预计), the fact's qualifier "expected".
    [`${prefix}Expected`]: expected,
    [`${prefix}Amount`]: quantity.amount,
    [`${prefix}Unit`]: quantity.unit,
    [`${prefix}CountNoun`]: quantity.countNoun,
    [`${prefix}Qualifier`]: quantity.qualifier,
    [`${prefix}Lower`]: quantity.lower,
    [`${prefix}Upper`]: quantity.upper,
    [`${prefix}Raw`]: quantity.raw,
    // Only for ORDER BY: the exact value stays in the string property above.
    [`${prefix}Sort`]: Number(quantity.amount),
  };
}

function timeProps(date: string | undefined, period: PeriodInput | undefined): Record<string, unknown> {
  return {
    date: date ?? null,
    periodStart: period?.start ?? null,
    periodEnd: period?.end ?? null,
  };
}

function flags(list: QualityFlagName[] | undefined): QualityFlagName[] {
  return [...(list ?? [])].sort();
}

/**
 * A source is named by its title, else by its section heading; a piece with neither (the 神池
 * article, flagged MISSING_TITLE) by its publisher and byline, marked untitled, never by its id.
 */
export function sourceName(source: Pick<SourceInput, 'title' | 'section' | 'publisher' | 'byline'>): string {
  const byline = source.byline ? ` ${source.byline}` : '';
  return source.title ?? source.section ?? `${source.publisher}${byline}（无标题）`;
}

function sourceRow(source: SourceInput): SourceRow {
  const name = sourceName(source);
  return {
    id: source.id,
    label: KIND_LABEL.SOURCE,
    props: {
      kind: 'SOURCE',
      subtype: source.kind,
      name,
      sortName: sortKey(name),
      listKey: listKey(name, source.id),
      englishName: null,
      aliases: [],
      industries: [],
      title: source.title ?? null,
      section: source.section ?? null,
      publisher: source.publisher,
      byline: source.byline ?? null,
      date: source.date ?? null,
      text: source.text,
      originFile: source.origin?.file ?? null,
      originSha256: source.origin?.sha256 ?? null,
      originStart: source.origin?.start ?? null,
      originEnd: source.origin?.end ?? null,
      qualityFlags: flags(source.qualityFlags),
      abbreviations: [],
      traditionalNames: [],
      pinyinNames: [],
      initials: [],
      identifiers: [],
      searchKeys: searchKeys({ name }),
    },
  };
}

/** Facts whose key the vocabulary marks as a quantity are parsed; other values stay text. */
function factRow(entityId: string, fact: FactInput, evidenceIds: string[]): FactRow {
  const isQuantity = knownFactKeys().get(fact.key)?.quantity ?? tryParseQuantity(fact.value) !== null;
  const quantity = isQuantity ? tryParseQuantity(fact.value) : null;
  const qualityFlags = flags(fact.qualityFlags);
  return {
    id: factId(entityId, fact),
    entityId,
    props: {
      entityId,
      key: fact.key,
      value: fact.value,
      ...quantityProps('quantity', quantity, fact.properties?.qualifier === 'expected'),
      ...timeProps(fact.date, fact.period),
      properties: JSON.stringify(fact.properties ?? {}),
      qualityFlags,
      presentable: !qualityFlags.some((flag) => NOT_PRESENTABLE_FLAGS.has(flag)),
      evidenceIds,
    },
  };
}

/** The few facts that are also properties of the node itself, for filtering and sorting. */
const PROJECTED_FACTS: Readonly<Record<string, string>> = {
  totalInvestment: 'totalInvestment',
  plannedArea: 'plannedArea',
  approvedArea: 'approvedArea',
};

/** Facts whose values are identifiers that search finds (a catalogue code such as G141004). */
const IDENTIFIER_FACT_KEYS: ReadonlySet<string> = new Set(['catalogueCode']);

/**
 * The approval fields of a zone, projected from its facts for filtering and sorting: the level
 * its `approvalLevel` fact prints (国务院 is STATE_COUNCIL), and the earliest date of its
 * `approvalDate` facts (a zone approved in two steps, 2000.04/2002.12, sorts by the first) with
 * that date's year. All null when the facts state none.
 */
function approvalProps(facts: readonly FactInput[]): Record<string, unknown> {
  const level = facts
    .filter((fact) => fact.key === 'approvalLevel')
    .map((fact) => approvalLevelOf(fact.value))
    .find((code) => code !== null);
  const dates = facts
    .filter((fact) => fact.key === 'approvalDate' && fact.date !== undefined)
    .map((fact) => fact.date as string)
    .sort();
  const first = dates[0] ?? null;
  return {
    approvalLevel: level ?? null,
    approvalDate: first,
    approvalYear: first === null ? null : Number(first.slice(0, 4)),
  };
}

function entityRow(entity: EntityInput): EntityRow {
  const names = [entity.name, ...(entity.aliases ?? [])];
  // The sort key first: the name's pinyin is then reused by its search forms (pinyinSyllables).
  const sortName = sortKey(entity.name);
  const forms = deriveNameForms(names);
  const projected: Record<string, unknown> = {};
  for (const fact of entity.facts ?? []) {
    const prefix = PROJECTED_FACTS[fact.key];
    if (prefix !== undefined && (projected[`${prefix}Amount`] ?? null) === null) {
      const expected = fact.properties?.qualifier === 'expected';
      Object.assign(projected, quantityProps(prefix, tryParseQuantity(fact.value), expected));
    }
  }
  // When the facts are replaced, a projection whose fact is gone is cleared (SET += null
  // removes the property), so the node never keeps a figure its facts no longer state.
  if (entity.facts !== undefined) {
    for (const prefix of Object.values(PROJECTED_FACTS)) {
      if (projected[`${prefix}Amount`] !== undefined) continue;
      for (const field of QUANTITY_FIELDS) projected[`${prefix}${field}`] = null;
    }
    const identifiers = [
      ...new Set(entity.facts.filter((fact) => IDENTIFIER_FACT_KEYS.has(fact.key)).map((fact) => fact.value)),
    ];
    // None is stored as no property (null removes it), as on an entity written without facts,
    // so an export restores to the same properties.
    Object.assign(projected, approvalProps(entity.facts), {
      catalogueCode: entity.facts.find((fact) => fact.key === 'catalogueCode')?.value ?? null,
      identifiers: identifiers.length === 0 ? null : identifiers,
    });
  }
  return {
    id: entity.id,
    label: KIND_LABEL[entity.kind],
    names,
    replaceFacts: entity.facts !== undefined,
    props: {
      kind: entity.kind,
      subtype: entity.subtype ?? null,
      name: entity.name,
      sortName,
      listKey: listKey(entity.name, entity.id),
      englishName: entity.englishName ?? null,
      aliases: entity.aliases ?? [],
      industries: entity.industries ?? [],
      qualityFlags: flags(entity.qualityFlags),
      abbreviations: forms.abbreviations,
      traditionalNames: forms.traditionalNames,
      pinyinNames: forms.pinyinNames,
      initials: forms.initials,
      // Every name form normalised, for the search index (src/search/search-keys.ts).
      searchKeys: searchKeys({
        ...forms,
        name: entity.name,
        aliases: entity.aliases,
        englishName: entity.englishName,
        identifiers: (entity.facts ?? [])
          .filter((fact) => IDENTIFIER_FACT_KEYS.has(fact.key))
          .map((fact) => fact.value),
      }),
      // Only when given: an ordinary upsert of a kept entity leaves its merge history alone.
      ...(entity.mergedIds === undefined || entity.mergedIds.length === 0 ? {} : { mergedIds: entity.mergedIds }),
      ...projected,
    },
  };
}

function relationRow(relation: RelationInput, evidenceIds: string[]): RelationRow {
  const ends = relationId(relation.type, relation.from, relation.to, relation.key);
  return {
    id: ends.id,
    type: relation.type,
    from: ends.from,
    to: ends.to,
    props: {
      key: relation.key ?? null,
      ...quantityProps('amount', relation.amount === undefined ? null : parseMoney(relation.amount)),
      ...timeProps(relation.date, relation.period),
      status: relation.status ?? null,
      role: relation.role ?? null,
      properties: JSON.stringify(relation.properties ?? {}),
      qualityFlags: flags(relation.qualityFlags),
      evidenceIds,
    },
  };
}

function emptyChunk(): WriteChunk {
  return { sources: [], entities: [], evidence: [], facts: [], mentions: [], relations: [], items: 0 };
}

/**
 * Turns a validated batch into chunks of at most `batchSize` input items, each written in
 * one transaction. Sources come first, then entities (with their facts, evidence and
 * MENTIONED_IN links), then relations, so every chunk only points at what is already written
 * or written in the same transaction. `sourceTexts` holds the text of every source the
 * evidence names (from the batch or the graph), to compute offsets that were not given.
 */
export function planBatch(batch: IngestBatch, sourceTexts: ReadonlyMap<string, string>, batchSize: number): WritePlan {
  const chunks: WriteChunk[] = [];
  let current = emptyChunk();
  const push = (fill: (chunk: WriteChunk) => void): void => {
    if (current.items >= batchSize) {
      chunks.push(current);
      current = emptyChunk();
    }
    fill(current);
    current.items += 1;
  };
  const evidenceRows = (chunk: WriteChunk, list: readonly EvidenceInput[]): EvidenceRow[] => {
    const rows = list.map((item) => locate(item, sourceTexts.get(item.source) ?? ''));
    chunk.evidence.push(...rows);
    return rows;
  };
  const counts = { sources: 0, entities: 0, facts: 0, relations: 0, evidence: 0 };

  for (const source of batch.sources ?? []) {
    push((chunk) => chunk.sources.push(sourceRow(source)));
    counts.sources += 1;
  }
  for (const entity of batch.entities ?? []) {
    push((chunk) => {
      const mentionEvidence = evidenceRows(chunk, entity.evidence);
      const facts = (entity.facts ?? []).map((fact) =>
        factRow(
          entity.id,
          fact,
          evidenceRows(chunk, fact.evidence).map((row) => row.id),
        ),
      );
      chunk.facts.push(...facts);
      chunk.entities.push(entityRow(entity));
      const bySource = new Map<string, string[]>();
      for (const row of mentionEvidence) bySource.set(row.sourceId, [...(bySource.get(row.sourceId) ?? []), row.id]);
      for (const [sourceId, evidenceIds] of bySource) {
        const ends = relationId('MENTIONED_IN', entity.id, sourceId);
        chunk.mentions.push({
          ...ends,
          type: 'MENTIONED_IN',
          props: { evidenceIds, qualityFlags: [], properties: '{}' },
        });
      }
      counts.facts += facts.length;
    });
    counts.entities += 1;
  }
  for (const relation of batch.relations ?? []) {
    push((chunk) =>
      chunk.relations.push(
        relationRow(
          relation,
          evidenceRows(chunk, relation.evidence).map((row) => row.id),
        ),
      ),
    );
    counts.relations += 1;
  }
  if (current.items > 0) chunks.push(current);
  for (const chunk of chunks) {
    const unique = new Map(chunk.evidence.map((row) => [row.id, row]));
    chunk.evidence = [...unique.values()];
  }
  counts.evidence = new Set(chunks.flatMap((chunk) => chunk.evidence.map((row) => row.id))).size;
  return { chunks, counts };
}
