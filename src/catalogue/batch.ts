import type { QualityFlagName } from '../domain/vocabulary';
import type { EntityInput, EvidenceInput, FactInput, IngestBatch, RelationInput, SourceInput } from '../ingest/types';
import { cityInName, type City } from './divisions';
import type { Province } from './provinces';
import type { Cell, CatalogueRow, ParsedCatalogue } from './rows';

/**
 * Builds the ingest batch of the national zone catalogue: a pure function of the parsed file
 * and of what the graph already holds, so it is unit-tested without a database and the loader
 * only adds the reads and the write. The catalogue is one Source whose text is the file itself:
 * the header is paragraph 0 and each row the paragraph of its own, verbatim, so every entity,
 * fact and relation cites the cells of its row (source, paragraph, offsets and quote).
 */

export const CATALOGUE_SOURCE_ID = 'source:cn-zone-catalogue-2018';
export const CATALOGUE_FILE = 'data/china-zones-2018/catalogue.csv';

/** The source record: the file's text, its publisher, title and date, and where it came from. */
export function catalogueSource(
  text: string,
  sha256: string,
  id: string = CATALOGUE_SOURCE_ID,
  file: string = CATALOGUE_FILE,
): SourceInput {
  return {
    id,
    title: '中国开发区审核公告目录（2018年版）',
    section: null,
    publisher: '国家发展改革委、科技部、国土资源部、住房城乡建设部、商务部、海关总署',
    byline: null,
    kind: 'CATALOGUE',
    date: '2018',
    origin: { file, sha256, start: 0, end: text.length },
    text,
  };
}

/** What the graph already holds that the batch must agree with. */
export interface CatalogueContext {
  /**
   * Rows matched to a zone the graph holds from another source (entity resolution): the row's
   * id → that zone, as stored, in the ingest form. The row is written onto it.
   */
  readonly linkedZones: ReadonlyMap<string, EntityInput>;
  /** Regions already in the graph (山西省 is the seed's region:shanxi): id → their stored names. */
  readonly existingRegions: ReadonlyMap<string, { readonly name: string; readonly aliases: readonly string[] }>;
  /** The source's id and file (the committed catalogue's by default; tests load small files of their own). */
  readonly sourceId?: string;
  readonly file?: string;
}

/** A citation of one cell (or part of one) of a row: its paragraph, offsets and verbatim text. */
function evidence(source: string, row: CatalogueRow, cell: Cell): EvidenceInput {
  return { source, paragraph: row.paragraph, start: cell.start, end: cell.end, quote: cell.value };
}

function withFlags<T extends object>(
  item: T,
  flags: readonly QualityFlagName[],
): T & { qualityFlags?: QualityFlagName[] } {
  const unique = [...new Set(flags)].sort();
  return unique.length === 0 ? item : { ...item, qualityFlags: unique };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The facts a row states about its zone, each citing its cell of the given source. */
export function rowFacts(row: CatalogueRow, source: string = CATALOGUE_SOURCE_ID): FactInput[] {
  const cite = (cell: Cell): EvidenceInput => evidence(source, row, cell);
  const facts: FactInput[] = [];
  facts.push(
    withFlags({ key: 'catalogueCode', value: row.code, evidence: [cite(row.cells.code)] }, [
      ...(row.duplicatedCode ? (['DUPLICATE_IDENTIFIER'] as const) : []),
    ]),
  );
  facts.push({ key: 'approvalLevel', value: row.cells.level.value, evidence: [cite(row.cells.level)] });
  facts.push({ key: 'zoneType', value: row.type, evidence: [cite(row.cells.type)] });
  for (const date of row.dates) {
    const base = { key: 'approvalDate', value: date.cell.value, evidence: [cite(date.cell)] };
    facts.push(
      date.month === null
        ? withFlags(base, ['UNPARSEABLE_VALUE'])
        : withFlags({ ...base, date: date.month }, row.dates.length > 1 ? ['MULTIPLE_VALUES'] : []),
    );
  }
  if (row.area !== null) {
    facts.push({ key: 'approvedArea', value: row.area, evidence: [cite(row.cells.area)] });
  } else if (row.cells.area.value.trim() !== '') {
    facts.push(
      withFlags({ key: 'approvedAreaAsPrinted', value: row.cells.area.value, evidence: [cite(row.cells.area)] }, [
        'UNPARSEABLE_VALUE',
      ]),
    );
  }
  // One fact per term; a term printed twice is one fact citing both places.
  const byTerm = new Map<string, FactInput>();
  for (const { cell, mapping } of row.industries) {
    const known = byTerm.get(cell.value);
    if (known !== undefined) {
      known.evidence.push(cite(cell));
      continue;
    }
    const fact = withFlags(
      {
        key: 'leadingIndustry',
        value: cell.value,
        ...(mapping.codes.length === 0 ? {} : { properties: { industries: mapping.codes.join(',') } }),
        evidence: [cite(cell)],
      },
      [
        ...(mapping.strayPunctuation ? (['SUSPECTED_TYPO'] as const) : []),
        ...(mapping.codes.length === 0 ? (['UNMAPPED_TERM'] as const) : []),
      ],
    );
    byTerm.set(cell.value, fact);
    facts.push(fact);
  }
  return facts;
}

function rowFlags(row: CatalogueRow): QualityFlagName[] {
  return [
    ...(row.duplicatedCode ? (['DUPLICATE_IDENTIFIER'] as const) : []),
    ...(row.correctedName !== null ? (['SUSPECTED_TYPO'] as const) : []),
  ];
}

function rowIndustries(row: CatalogueRow): string[] {
  return unique(row.industries.flatMap((term) => term.mapping.codes));
}

/** The zone of a row that the graph does not hold yet. */
function newZone(source: string, row: CatalogueRow): EntityInput {
  return withFlags(
    {
      id: row.id,
      kind: 'ZONE' as const,
      subtype: row.subtype,
      name: row.name,
      aliases: row.correctedName === null ? [] : [row.correctedName],
      industries: rowIndustries(row),
      evidence: [evidence(source, row, row.cells.name)],
      facts: rowFacts(row, source),
    },
    rowFlags(row),
  );
}

/** True when every citation of a fact is in the catalogue: a fact this loader wrote before. */
function fromCatalogue(source: string, fact: FactInput): boolean {
  return fact.evidence.every((item) => item.source === source);
}

/** Evidence in a canonical order (source, offsets), so the same citations always read the same. */
function sortedEvidence(list: readonly EvidenceInput[]): EvidenceInput[] {
  const key = (item: EvidenceInput): string =>
    `${item.source}\u0000${String(item.start ?? -1).padStart(12, '0')}\u0000${String(item.end ?? -1).padStart(12, '0')}\u0000${item.quote}`;
  const seen = new Map(list.map((item) => [key(item), item]));
  return [...seen.keys()].sort().map((k) => seen.get(k) as EvidenceInput);
}

/**
 * A row written onto a zone the graph holds from another source: what is stored stays (its id,
 * name, English name, subtype, facts, evidence), and the catalogue adds its printed name as an
 * alias, its industries, flags, facts and its row as evidence. Catalogue facts stored by an
 * earlier run are replaced by this run's, so running twice gives the same entity.
 */
function linkedZone(source: string, row: CatalogueRow, stored: EntityInput): EntityInput {
  const aliases = unique(
    [...(stored.aliases ?? []), row.name, ...(row.correctedName === null ? [] : [row.correctedName])].filter(
      (name) => name !== stored.name,
    ),
  );
  const { mergedIds: _history, ...kept } = stored;
  return withFlags(
    {
      ...kept,
      subtype: stored.subtype ?? row.subtype,
      aliases,
      industries: unique([...(stored.industries ?? []), ...rowIndustries(row)]),
      evidence: sortedEvidence([...stored.evidence, evidence(source, row, row.cells.name)]),
      facts: [...(stored.facts ?? []).filter((fact) => !fromCatalogue(source, fact)), ...rowFacts(row, source)],
    },
    [...(stored.qualityFlags ?? []), ...rowFlags(row)],
  );
}

/**
 * A region the catalogue names: a new one in full, or, for one the graph holds (the seed's
 * 山西省, 上海, 北京, 长治市), only its catalogue name added as an alias and the row as
 * evidence; its subtype, English name, facts and flags are left as stored.
 */
function region(
  id: string,
  name: string,
  cite: EvidenceInput,
  fresh: Omit<EntityInput, 'id' | 'kind' | 'name' | 'evidence'>,
  existing: CatalogueContext['existingRegions'],
): EntityInput {
  const stored = existing.get(id);
  if (stored === undefined) return { id, kind: 'REGION', name, ...fresh, evidence: [cite] };
  const aliases = unique([...stored.aliases, name]).filter((alias) => alias !== stored.name);
  return { id, kind: 'REGION', name: stored.name, aliases, evidence: [cite] };
}

function cityOf(row: CatalogueRow): { city: City; quote: Cell; flags: QualityFlagName[] } | null {
  const found = cityInName(row.correctedName ?? row.name, row.province);
  if (found === null) return null;
  // A misprint is fixed letter for letter (湽博 → 淄博), so the place stands at the same offsets
  // in the printed name, which is what the evidence quotes.
  const name = row.cells.name;
  const quote = {
    value: name.value.slice(found.start, found.end),
    start: name.start + found.start,
    end: name.start + found.end,
  };
  return { city: found.city, quote, flags: row.correctedName === null ? ['INFERRED'] : ['INFERRED', 'SUSPECTED_TYPO'] };
}

export interface CatalogueBatchSummary {
  readonly zones: number;
  readonly linked: number;
  readonly provinces: number;
  readonly cities: number;
}

/**
 * The whole catalogue as one ingest batch: the source, the 31 provinces, the cities zone names
 * state, the zones (new, or written onto the graph zone they matched), and each zone's
 * LOCATED_IN its province and, where its name states one, its city (INFERRED). Rows are in file
 * order, so the same file and graph give the same batch (and the same idempotency key).
 */
export function buildCatalogueBatch(
  parsed: ParsedCatalogue,
  sha256: string,
  context: CatalogueContext,
): { batch: IngestBatch; summary: CatalogueBatchSummary } {
  if (parsed.rejected) throw new Error('the catalogue has defects that refuse it; nothing can be built');
  const source = context.sourceId ?? CATALOGUE_SOURCE_ID;
  const provinces = new Map<string, { province: Province; cite: EvidenceInput }>();
  const cities = new Map<
    string,
    { city: City; cite: EvidenceInput; provinceCite: EvidenceInput; flags: QualityFlagName[] }
  >();
  const zones: EntityInput[] = [];
  const relations: RelationInput[] = [];
  let linked = 0;
  for (const row of parsed.rows) {
    const provinceCite = evidence(source, row, row.cells.province);
    if (!provinces.has(row.province.id)) provinces.set(row.province.id, { province: row.province, cite: provinceCite });
    const stored = context.linkedZones.get(row.id);
    const zone = stored === undefined ? newZone(source, row) : linkedZone(source, row, stored);
    if (stored !== undefined) linked += 1;
    zones.push(zone);
    relations.push({ type: 'LOCATED_IN', from: zone.id, to: row.province.id, evidence: [provinceCite] });
    const city = cityOf(row);
    if (city !== null) {
      const cite = evidence(source, row, city.quote);
      if (!cities.has(city.city.id))
        cities.set(city.city.id, { city: city.city, cite, provinceCite, flags: city.flags });
      relations.push(
        withFlags({ type: 'LOCATED_IN' as const, from: zone.id, to: city.city.id, evidence: [cite] }, city.flags),
      );
    }
  }
  const regions: EntityInput[] = [];
  for (const { province, cite } of provinces.values()) {
    regions.push(
      region(
        province.id,
        province.name,
        cite,
        { subtype: 'PROVINCE', englishName: province.englishName },
        context.existingRegions,
      ),
    );
  }
  for (const { city, cite, provinceCite, flags } of cities.values()) {
    const fresh = !context.existingRegions.has(city.id);
    regions.push(
      region(city.id, city.name, cite, withFlags({ subtype: 'CITY' }, ['INFERRED']), context.existingRegions),
    );
    // A region the graph holds keeps its own placement; a new city is PART_OF its province.
    if (fresh) {
      relations.push(
        withFlags(
          { type: 'PART_OF' as const, from: city.id, to: city.province.id, evidence: [cite, provinceCite] },
          flags,
        ),
      );
    }
  }
  // A province is PART_OF nothing: the graph has no country node yet.
  return {
    batch: {
      sources: [catalogueSource(parsed.text, sha256, source, context.file ?? CATALOGUE_FILE)],
      entities: [...regions, ...zones],
      relations,
    },
    summary: { zones: zones.length, linked, provinces: provinces.size, cities: cities.size },
  };
}
