import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { PROJECT_ROOT } from '../db/cypher';
import { KIND_ID_PREFIX, SUBTYPES } from '../domain/vocabulary';
import { endpointKindIssue, kindOfId } from '../domain/relation-ends';
import { scriptForms, scriptKey } from '../search/name-forms';
import { factId, relationId } from './ids';
import { paragraphOf } from './paragraphs';
import { parseMoney, parseQuantity, QuantityParseError } from './quantity';
import type { EvidenceInput, IngestBatch, PeriodInput } from './types';

/** Stable codes for everything the validator refuses; clients and the CLI branch on them. */
export type IngestIssueCode =
  | 'SCHEMA_VIOLATION'
  | 'UNKNOWN_KIND'
  | 'UNKNOWN_RELATION_TYPE'
  | 'MISSING_EVIDENCE'
  | 'UNKNOWN_SOURCE'
  | 'QUOTE_NOT_FOUND'
  | 'QUOTE_OFFSET_MISMATCH'
  | 'QUOTE_CROSSES_PARAGRAPH'
  | 'INVALID_AMOUNT'
  | 'NEGATIVE_AMOUNT'
  | 'INVALID_DATE'
  | 'INVALID_PERIOD'
  | 'SELF_RELATION'
  | 'UNKNOWN_ENDPOINT'
  | 'DUPLICATE_ID'
  | 'ALIAS_CONFLICT'
  | 'ID_PREFIX_MISMATCH'
  | 'MERGED_ID'
  | 'ENDPOINT_KIND_MISMATCH'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'SOURCE_TEXT_CHANGED'
  | 'UNKNOWN_SUBTYPE'
  | 'UNKNOWN_INDUSTRY'
  | 'UNKNOWN_FACT_KEY';

export interface IngestIssue {
  /** Where in the input, e.g. `entities[3].facts[0].value`. */
  readonly path: string;
  readonly code: IngestIssueCode;
  readonly message: string;
}

/** What the validator needs to know about the graph: read-only lookups, batched by the caller. */
export interface GraphLookup {
  /** Texts of the given sources that exist in the graph. */
  sourceTexts(ids: readonly string[]): Promise<Map<string, string>>;
  /** Which of the given entity or source ids exist in the graph. */
  existingIds(ids: readonly string[]): Promise<Set<string>>;
  /** For each given id that was merged away, the id of the entity it was merged into. */
  mergedInto(ids: readonly string[]): Promise<Map<string, string>>;
  /** For each name or alias already claimed in the graph, the id of the entity that claims it. */
  nameOwners(names: readonly string[]): Promise<Map<string, string>>;
}

export interface FactKeyInfo {
  readonly key: string;
  readonly quantity: boolean;
}

const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'ingest.schema.json');

let compiled: ReturnType<Ajv2020['compile']> | null = null;

/** The JSON Schema validator, compiled once per process from schema/ingest.schema.json. */
function schemaValidator(): ReturnType<Ajv2020['compile']> {
  if (compiled === null) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    compiled = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  }
  return compiled;
}

/** A vocabulary file of data/seed (a plain JSON array), read once per process. */
function readVocabulary<T>(file: string): T[] {
  return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'data', 'seed', file), 'utf8')) as T[];
}

let factKeys: Map<string, FactKeyInfo> | null = null;
let industryCodes: Set<string> | null = null;

/** The fact-key vocabulary of data/seed/fact-keys.json: it says which keys must parse as quantities. */
export function knownFactKeys(): Map<string, FactKeyInfo> {
  factKeys ??= new Map(readVocabulary<FactKeyInfo>('fact-keys.json').map((info) => [info.key, info]));
  return factKeys;
}

/** The industry codes of data/seed/industries.json. */
export function knownIndustries(): Set<string> {
  industryCodes ??= new Set(readVocabulary<{ code: string }>('industries.json').map((industry) => industry.code));
  return industryCodes;
}

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
}

function schemaIssue(error: ErrorObject): IngestIssue {
  const at = pointerToPath(error.instancePath);
  if (error.keyword === 'enum' && /^entities\[\d+\]\.kind$/.test(at)) {
    return {
      path: at,
      code: 'UNKNOWN_KIND',
      message: `unknown entity kind; allowed: ${String(error.params.allowedValues)}`,
    };
  }
  if (error.keyword === 'enum' && /^relations\[\d+\]\.type$/.test(at)) {
    return {
      path: at,
      code: 'UNKNOWN_RELATION_TYPE',
      message: `unknown relation type; allowed: ${String(error.params.allowedValues)}`,
    };
  }
  if (error.keyword === 'required' && error.params.missingProperty === 'evidence') {
    return {
      path: at === '' ? 'evidence' : `${at}.evidence`,
      code: 'MISSING_EVIDENCE',
      message: 'evidence is required',
    };
  }
  if (error.keyword === 'minItems' && at.endsWith('.evidence')) {
    return { path: at, code: 'MISSING_EVIDENCE', message: 'at least one evidence item is required' };
  }
  if (error.keyword === 'pattern' && /(\.date|\.period\.(start|end))$/.test(at)) {
    return {
      path: at,
      code: 'INVALID_DATE',
      message: 'a date is written YYYY, YYYY-MM or YYYY-MM-DD (2025, 2025-06, 2025-06-30)',
    };
  }
  if (error.keyword === 'pattern') {
    const message = /(\.name|\.aliases\[\d+\])$/.test(at)
      ? 'a name may not be blank or begin or end with white space'
      : at.endsWith('.quote')
        ? 'a quote must contain more than white space'
        : at === 'idempotencyKey'
          ? 'an idempotency key may not contain "#", which marks the keys of a batch\'s chunks (KEY#i/n)'
          : /^relations\[\d+\]\.key$/.test(at)
            ? 'a relation key is 1 to 100 letters, digits, "_", "." or "-" (e.g. 2024-loan)'
            : (error.message ?? 'invalid');
    return { path: at, code: 'SCHEMA_VIOLATION', message };
  }
  const property = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
  return {
    path: at === '' ? '(root)' : at,
    code: 'SCHEMA_VIOLATION',
    message: `${error.message ?? 'invalid'}${property}`,
  };
}

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True when a YYYY, YYYY-MM or YYYY-MM-DD string names a real calendar date. */
export function isRealDate(value: string): boolean {
  const match = DATE_RE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1800 || year > 2200) return false;
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

/** Compares partial dates by their earliest instant, so 2025 ≤ 2025-07. */
function dateKey(value: string): string {
  return value.padEnd(10, '-00').replace(/-$/, '');
}

interface Context {
  issues: IngestIssue[];
  sourceTexts: Map<string, string>;
}

function checkDate(ctx: Context, at: string, value: string | undefined): void {
  if (value !== undefined && !isRealDate(value)) {
    ctx.issues.push({ path: at, code: 'INVALID_DATE', message: `"${value}" is not a real date` });
  }
}

function checkPeriod(ctx: Context, at: string, period: PeriodInput | undefined): void {
  if (period === undefined) return;
  checkDate(ctx, `${at}.start`, period.start);
  checkDate(ctx, `${at}.end`, period.end);
  if (period.end !== undefined && isRealDate(period.start) && isRealDate(period.end)) {
    if (dateKey(period.end) < dateKey(period.start)) {
      ctx.issues.push({
        path: at,
        code: 'INVALID_PERIOD',
        message: `period ends (${period.end}) before it starts (${period.start})`,
      });
    }
  }
}

function checkEvidence(ctx: Context, at: string, evidence: readonly EvidenceInput[]): void {
  evidence.forEach((item, index) => {
    const here = `${at}[${index}]`;
    const text = ctx.sourceTexts.get(item.source);
    if (text === undefined) {
      ctx.issues.push({
        path: `${here}.source`,
        code: 'UNKNOWN_SOURCE',
        message: `source "${item.source}" is neither in the batch nor in the graph`,
      });
      return;
    }
    if (/[\r\n]/.test(item.quote)) {
      ctx.issues.push({
        path: `${here}.quote`,
        code: 'QUOTE_CROSSES_PARAGRAPH',
        message: 'a quote must lie inside one paragraph (it contains a line break); cite each paragraph separately',
      });
      return;
    }
    const given = item.start !== undefined || item.end !== undefined;
    if (
      given &&
      (item.start === undefined || item.end === undefined || text.slice(item.start, item.end) !== item.quote)
    ) {
      ctx.issues.push({
        path: `${here}.quote`,
        code: 'QUOTE_OFFSET_MISMATCH',
        message: `the source text at [${item.start ?? '?'}, ${item.end ?? '?'}) is not the quote`,
      });
      return;
    }
    const start = given ? (item.start as number) : text.indexOf(item.quote);
    if (start < 0) {
      ctx.issues.push({
        path: `${here}.quote`,
        code: 'QUOTE_NOT_FOUND',
        message: `the quote is not in source "${item.source}"`,
      });
      return;
    }
    // A stated paragraph must be the one the span lies in (the planner always derives it).
    const paragraph = paragraphOf(text, start, start + item.quote.length);
    if (item.paragraph !== undefined && item.paragraph !== paragraph) {
      ctx.issues.push({
        path: `${here}.paragraph`,
        code: 'QUOTE_OFFSET_MISMATCH',
        message: given
          ? `the quote is in paragraph ${paragraph}, not ${item.paragraph}`
          : `the quote's first occurrence is not in paragraph ${item.paragraph}; give its start and end`,
      });
    }
  });
}

function checkQuantity(ctx: Context, at: string, value: string, money: boolean): void {
  try {
    if (money) parseMoney(value);
    else parseQuantity(value);
  } catch (error) {
    if (!(error instanceof QuantityParseError)) throw error;
    ctx.issues.push({
      path: at,
      code: error.code === 'NEGATIVE' ? 'NEGATIVE_AMOUNT' : 'INVALID_AMOUNT',
      message: `"${value}" is not a valid ${money ? 'amount of money' : 'quantity'} (${error.code})`,
    });
  }
}

/**
 * Checks a batch in full before anything is written: the JSON Schema first, then the rules a
 * schema cannot express (quotes in their sources, parseable amounts, real dates, endpoints
 * that exist, unique ids, names not claimed by another entity). Returns every issue found,
 * each with a path and a stable code, so an editor can fix a file in one pass.
 */
export async function validateBatch(input: unknown, graph: GraphLookup): Promise<IngestIssue[]> {
  const validate = schemaValidator();
  if (!validate(input)) return (validate.errors ?? []).map(schemaIssue);
  const batch = input as IngestBatch;
  const sources = batch.sources ?? [];
  const entities = batch.entities ?? [];
  const relations = batch.relations ?? [];
  const issues: IngestIssue[] = [];

  // Ids must be unique within the batch, across sources and entities alike.
  const seen = new Map<string, string>();
  const noteId = (id: string, at: string): void => {
    const first = seen.get(id);
    if (first !== undefined)
      issues.push({ path: at, code: 'DUPLICATE_ID', message: `id "${id}" is also used at ${first}` });
    else seen.set(id, at);
  };
  sources.forEach((source, i) => noteId(source.id, `sources[${i}].id`));
  entities.forEach((entity, i) => {
    noteId(entity.id, `entities[${i}].id`);
    const prefix = KIND_ID_PREFIX[entity.kind];
    if (!entity.id.startsWith(`${prefix}:`)) {
      issues.push({
        path: `entities[${i}].id`,
        code: 'ID_PREFIX_MISMATCH',
        message: `a ${entity.kind} id must start with "${prefix}:"`,
      });
    }
  });
  sources.forEach((source, i) => {
    if (!source.id.startsWith('source:')) {
      issues.push({
        path: `sources[${i}].id`,
        code: 'ID_PREFIX_MISMATCH',
        message: 'a source id must start with "source:"',
      });
    }
  });

  // Sources named by evidence come from the batch or, failing that, from the graph.
  const referenced = new Set<string>();
  const collect = (evidence: readonly EvidenceInput[]): void => evidence.forEach((item) => referenced.add(item.source));
  entities.forEach((entity) => {
    collect(entity.evidence);
    (entity.facts ?? []).forEach((fact) => collect(fact.evidence));
  });
  relations.forEach((relation) => collect(relation.evidence));
  const inBatch = new Map(sources.map((source) => [source.id, source.text]));
  const stored = await graph.sourceTexts([...new Set([...referenced, ...inBatch.keys()])]);
  const ctx: Context = { issues, sourceTexts: new Map([...stored, ...inBatch]) };

  // A stored source's text is what every stored offset points into: it may not change.
  sources.forEach((source, i) => {
    const existing = stored.get(source.id);
    if (existing !== undefined && existing !== source.text) {
      issues.push({
        path: `sources[${i}].text`,
        code: 'SOURCE_TEXT_CHANGED',
        message: `source "${source.id}" is already stored with a different text; give the new text a new id`,
      });
    }
    checkDate(ctx, `sources[${i}].date`, source.date);
  });

  const keys = knownFactKeys();
  const industries = knownIndustries();
  entities.forEach((entity, i) => {
    checkEvidence(ctx, `entities[${i}].evidence`, entity.evidence);
    // The vocabularies: a misspelt fact key would also skip the check of its quantity.
    const subtypes = SUBTYPES[entity.kind] ?? [];
    if (entity.subtype !== undefined && entity.subtype !== null && !subtypes.includes(entity.subtype)) {
      issues.push({
        path: `entities[${i}].subtype`,
        code: 'UNKNOWN_SUBTYPE',
        message: `"${entity.subtype}" is not a subtype of ${entity.kind}${subtypes.length > 0 ? ` (${subtypes.join(', ')})` : ', which has none'}`,
      });
    }
    (entity.industries ?? []).forEach((code, j) => {
      if (!industries.has(code)) {
        issues.push({
          path: `entities[${i}].industries[${j}]`,
          code: 'UNKNOWN_INDUSTRY',
          message: `"${code}" is not in data/seed/industries.json; add it there (code, name, englishName) or use a listed code`,
        });
      }
    });
    const factAt = new Map<string, string>();
    (entity.facts ?? []).forEach((fact, j) => {
      const at = `entities[${i}].facts[${j}]`;
      // Two facts with one id would be stored as one, the last silently winning.
      const id = factId(entity.id, fact);
      const first = factAt.get(id);
      if (first !== undefined) {
        issues.push({
          path: at,
          code: 'DUPLICATE_ID',
          message: `the same fact as ${first} (key, value, date, period and properties); give one of them all the evidence`,
        });
      } else factAt.set(id, at);
      if (!keys.has(fact.key)) {
        issues.push({
          path: `${at}.key`,
          code: 'UNKNOWN_FACT_KEY',
          message: `"${fact.key}" is not in data/seed/fact-keys.json; add it there (key, description, quantity) or use a listed key`,
        });
      }
      checkEvidence(ctx, `${at}.evidence`, fact.evidence);
      checkDate(ctx, `${at}.date`, fact.date);
      checkPeriod(ctx, `${at}.period`, fact.period);
      if (keys.get(fact.key)?.quantity === true) checkQuantity(ctx, `${at}.value`, fact.value, false);
    });
  });

  // Endpoints: in the batch or in the graph; never the same entity at both ends.
  const batchIds = new Set([...sources.map((s) => s.id), ...entities.map((e) => e.id)]);
  const outside = [...new Set(relations.flatMap((r) => [r.from, r.to]))].filter((id) => !batchIds.has(id));
  const existing = await graph.existingIds(outside);

  // `mergedIds` (from an export) name entities that no longer exist, never one that does.
  const mergedAway = entities.flatMap((entity, i) =>
    (entity.mergedIds ?? []).map((id, j) => ({ id, at: `entities[${i}].mergedIds[${j}]` })),
  );
  const stillThere = await graph.existingIds(mergedAway.map(({ id }) => id).filter((id) => !batchIds.has(id)));
  for (const { id, at } of mergedAway) {
    if (batchIds.has(id) || stillThere.has(id)) {
      issues.push({ path: at, code: 'DUPLICATE_ID', message: `"${id}" is an entity of its own, not one merged away` });
    }
  }

  // An id merged into another entity is never reused: writes go to the entity it became.
  const merged = await graph.mergedInto([...new Set([...batchIds, ...outside.filter((id) => !existing.has(id))])]);
  const mergedIssue = (at: string, id: string): IngestIssue => ({
    path: at,
    code: 'MERGED_ID',
    message: `"${id}" was merged into "${merged.get(id) ?? '?'}"; write to that id instead`,
  });
  sources.forEach((source, i) => {
    if (merged.has(source.id)) issues.push(mergedIssue(`sources[${i}].id`, source.id));
  });
  entities.forEach((entity, i) => {
    if (merged.has(entity.id)) issues.push(mergedIssue(`entities[${i}].id`, entity.id));
  });
  // A relation's id is its type, ends (either order for a symmetric type) and key: two items
  // with the same id in one batch would silently overwrite each other.
  const relationAt = new Map<string, string>();
  relations.forEach((relation, i) => {
    const at = `relations[${i}]`;
    const { id } = relationId(relation.type, relation.from, relation.to, relation.key);
    const first = relationAt.get(id);
    if (first !== undefined) {
      issues.push({
        path: at,
        code: 'DUPLICATE_ID',
        message: `${first} is the same relation (type, ends and key); give one of them a distinct "key"`,
      });
    } else relationAt.set(id, at);
    // Ids carry their kind (ID_PREFIX_MISMATCH), so the prefix tells the kind of an end that is
    // outside the batch too; see src/domain/relation-ends.ts for the rules.
    const kindIssue = endpointKindIssue(relation.type, kindOfId(relation.from), kindOfId(relation.to));
    if (kindIssue !== null) issues.push({ path: at, code: 'ENDPOINT_KIND_MISMATCH', message: kindIssue });
    if (relation.from === relation.to) {
      issues.push({ path: at, code: 'SELF_RELATION', message: `a relation cannot link "${relation.from}" to itself` });
    }
    for (const end of ['from', 'to'] as const) {
      const id = relation[end];
      if (!batchIds.has(id) && merged.has(id)) issues.push(mergedIssue(`${at}.${end}`, id));
      else if (!batchIds.has(id) && !existing.has(id)) {
        issues.push({
          path: `${at}.${end}`,
          code: 'UNKNOWN_ENDPOINT',
          message: `"${id}" is neither in the batch nor in the graph`,
        });
      }
    }
    checkEvidence(ctx, `${at}.evidence`, relation.evidence);
    checkDate(ctx, `${at}.date`, relation.date);
    checkPeriod(ctx, `${at}.period`, relation.period);
    if (relation.amount !== undefined) checkQuantity(ctx, `${at}.amount`, relation.amount, true);
  });

  // A name or alias may belong to one entity only, within the batch and across the graph.
  const claimedInBatch = new Map<string, string>();
  const claims: { name: string; id: string; at: string }[] = [];
  entities.forEach((entity, i) => {
    [entity.name, ...(entity.aliases ?? [])].forEach((name, j) =>
      claims.push({ name, id: entity.id, at: j === 0 ? `entities[${i}].name` : `entities[${i}].aliases[${j - 1}]` }),
    );
  });
  // Names are compared in either script: 中國銀行 is 中国银行.
  const owners = await graph.nameOwners([...new Set(claims.flatMap((claim) => scriptForms(claim.name)))]);
  // A name whose stored owner is in this batch without it is released by the batch, so another
  // entity of the batch may take it (an alias moved from one entity to another).
  const namesInBatch = new Map(
    entities.map((entity) => [entity.id, new Set([entity.name, ...(entity.aliases ?? [])])]),
  );
  const storedOwner = (name: string): string | undefined => {
    const owner = owners.get(name);
    return owner !== undefined && namesInBatch.has(owner) && !namesInBatch.get(owner)?.has(name) ? undefined : owner;
  };
  for (const claim of claims) {
    const key = scriptKey(claim.name);
    const inBatch = claimedInBatch.get(key);
    const stored = scriptForms(claim.name)
      .map((form) => ({ form, owner: storedOwner(form) }))
      .find(({ owner }) => owner !== undefined && owner !== claim.id);
    const owner = inBatch ?? stored?.owner;
    if (owner !== undefined && owner !== claim.id) {
      const form = inBatch === undefined && stored !== undefined && stored.form !== claim.name ? stored.form : null;
      issues.push({
        path: claim.at,
        code: 'ALIAS_CONFLICT',
        message:
          form === null
            ? `"${claim.name}" already names "${owner}"`
            : `"${claim.name}" is "${form}" in the other script, which already names "${owner}"`,
      });
    } else if (inBatch === undefined) {
      claimedInBatch.set(key, claim.id);
    }
  }
  return issues;
}
