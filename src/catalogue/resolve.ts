import { scriptKey } from '../search/name-forms';
import { PROVINCES } from './provinces';
import { KNOWN_NAME_TYPOS, type CatalogueRow } from './rows';

/**
 * Entity resolution of catalogue rows against the zones the graph already holds from other
 * sources (the seed's four, a news article's). The rules, in the order they are tried, are
 * listed in docs/domain-model.md ("The national zone catalogue"); in short:
 *
 * - names are compared normalised (full-width forms, script, white space, known misprints) and
 *   split into province, place stem and type family (经济技术开发区, 经济开发区 and 经开区 are one
 *   family; 高新技术产业开发区 and 高新区 another; ...);
 * - the same name, or the same place and family in the same province, is a MATCH;
 * - the same place and family where the graph does not say the province, or the same name in
 *   another province, or a zone lying in the place the row is named after with the same family,
 *   is AMBIGUOUS: reported for review, never merged;
 * - the same place with another family is KEPT APART: a 高新区 and an 经开区 in one city are two
 *   zones (reported, so a reviewer sees the near miss);
 * - a row two graph zones match, or a graph zone two rows match, is AMBIGUOUS.
 */

export type Family =
  'ECONOMIC_DEVELOPMENT' | 'HIGH_TECH' | 'CUSTOMS' | 'BORDER_COOPERATION' | 'INDUSTRIAL' | 'AGRICULTURE';

/** Name endings and the family each names, longest first within a family. */
const FAMILY_SUFFIXES: readonly (readonly [string, Family])[] = [
  ['经济技术开发区', 'ECONOMIC_DEVELOPMENT'],
  ['经济开发区', 'ECONOMIC_DEVELOPMENT'],
  ['经开区', 'ECONOMIC_DEVELOPMENT'],
  ['高新技术产业开发区', 'HIGH_TECH'],
  ['高新技术产业园区', 'HIGH_TECH'],
  ['高新技术开发区', 'HIGH_TECH'],
  ['高新区', 'HIGH_TECH'],
  ['综合保税区', 'CUSTOMS'],
  ['综保区', 'CUSTOMS'],
  ['保税物流园区', 'CUSTOMS'],
  ['保税港区', 'CUSTOMS'],
  ['保税区', 'CUSTOMS'],
  ['出口加工区', 'CUSTOMS'],
  ['边境经济合作区', 'BORDER_COOPERATION'],
  ['跨境经济合作区', 'BORDER_COOPERATION'],
  ['经济合作区', 'BORDER_COOPERATION'],
  ['工业园区', 'INDUSTRIAL'],
  ['工业集中区', 'INDUSTRIAL'],
  ['产业集聚区', 'INDUSTRIAL'],
  ['工业园', 'INDUSTRIAL'],
  ['现代农业产业示范区', 'AGRICULTURE'],
  ['农业产业示范区', 'AGRICULTURE'],
  ['农业示范区', 'AGRICULTURE'],
];

/** The family of each 开发区类型 of the catalogue (其他类型开发区 has none: its name decides). */
const TYPE_FAMILY: Readonly<Record<string, Family>> = {
  经济技术开发区: 'ECONOMIC_DEVELOPMENT',
  经济开发区: 'ECONOMIC_DEVELOPMENT',
  高新技术产业开发区: 'HIGH_TECH',
  海关特殊监管区域: 'CUSTOMS',
  '边境/跨境经济合作区': 'BORDER_COOPERATION',
  工业园区: 'INDUSTRIAL',
};

/** The family of each zone subtype, for a graph zone whose name has no type ending. */
const SUBTYPE_FAMILY: Readonly<Record<string, Family>> = {
  ECONOMIC_TECHNOLOGICAL_DEVELOPMENT_ZONE: 'ECONOMIC_DEVELOPMENT',
  ECONOMIC_DEVELOPMENT_ZONE: 'ECONOMIC_DEVELOPMENT',
  HIGH_TECH_INDUSTRIAL_DEVELOPMENT_ZONE: 'HIGH_TECH',
  SPECIAL_CUSTOMS_SUPERVISION_AREA: 'CUSTOMS',
  BORDER_ECONOMIC_COOPERATION_ZONE: 'BORDER_COOPERATION',
  INDUSTRIAL_PARK: 'INDUSTRIAL',
  MODERN_AGRICULTURE_DEMONSTRATION_ZONE: 'AGRICULTURE',
};

/** The form names are compared in: NFKC, simplified script, no white space, known misprints fixed. */
export function normaliseZoneName(name: string): string {
  let text = scriptKey(name.normalize('NFKC'))
    .replace(/\s+/gu, '')
    .replace(/[－—–]/gu, '-');
  for (const [wrong, right] of KNOWN_NAME_TYPOS) text = text.split(wrong).join(right);
  return text;
}

export interface NameParts {
  readonly normalised: string;
  /** The province short name the name begins with (山西), or null. */
  readonly province: string | null;
  /** The place part: what is left between the province and the type ending (阳泉, 上党). */
  readonly stem: string;
  readonly family: Family | null;
}

/** A place name less its administrative suffix: 长治市 → 长治, 上党区 → 上党, 神池县 → 神池. */
export function placeStem(place: string): string {
  const text = normaliseZoneName(place);
  const province = PROVINCES.find((p) => p.name === text);
  if (province !== undefined) return province.shortName;
  const suffix = ['自治县', '地区', '市', '县', '区', '盟', '旗', '镇', '乡'].find(
    (end) => text.endsWith(end) && text.length - end.length >= 2,
  );
  return suffix === undefined ? text : text.slice(0, -suffix.length);
}

// Resolution compares every row with every graph zone: each name is parsed once.
const parsedNames = new Map<string, NameParts>();

/** Splits a zone name into province, place stem and type family. */
export function parseZoneName(name: string): NameParts {
  const known = parsedNames.get(name);
  if (known !== undefined) return known;
  const parts = splitZoneName(name);
  parsedNames.set(name, parts);
  return parts;
}

function splitZoneName(name: string): NameParts {
  const normalised = normaliseZoneName(name);
  let rest = normalised;
  let province: string | null = null;
  const suffix = FAMILY_SUFFIXES.find(([end]) => rest.endsWith(end) && rest.length > end.length);
  const family = suffix?.[1] ?? null;
  if (suffix !== undefined) rest = rest.slice(0, -suffix[0].length);
  for (const candidate of PROVINCES) {
    const prefix = [candidate.name, candidate.shortName].find((p) => rest.startsWith(p) && rest.length > p.length);
    if (prefix !== undefined) {
      province = candidate.shortName;
      rest = rest.slice(prefix.length);
      break;
    }
  }
  return { normalised, province, stem: placeStem(rest), family };
}

/** A zone the graph holds from another source, with the regions it lies in. */
export interface GraphZone {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly subtype: string | null;
  readonly identifiers: readonly string[];
  readonly regions: readonly { readonly id: string; readonly name: string; readonly subtype: string | null }[];
}

export type Verdict = 'MATCHED' | 'AMBIGUOUS' | 'KEPT_APART';

export interface Candidate {
  readonly zone: GraphZone;
  readonly verdict: Verdict;
  readonly reason: string;
}

export type Outcome = 'MATCHED' | 'AMBIGUOUS' | 'NEW';

export interface Resolution {
  readonly row: CatalogueRow;
  readonly outcome: Outcome;
  /** For MATCHED: the graph entity the row is written onto. */
  readonly target: string | null;
  readonly reason: string;
  /** Every graph zone the row was compared with and found related to (near misses included). */
  readonly candidates: readonly Candidate[];
}

function rowFamily(row: CatalogueRow): Family | null {
  return parseZoneName(row.name).family ?? TYPE_FAMILY[row.type] ?? null;
}

function zoneProvince(zone: GraphZone): string | null {
  for (const region of zone.regions) {
    const province = PROVINCES.find((p) => p.name === normaliseZoneName(region.name));
    if (province !== undefined) return province.shortName;
  }
  for (const name of [zone.name, ...zone.aliases]) {
    const parsed = parseZoneName(name);
    if (parsed.province !== null) return parsed.province;
  }
  return null;
}

/** How one catalogue row relates to one graph zone, or null when they are unrelated. */
export function compare(row: CatalogueRow, zone: GraphZone): Candidate | null {
  if (zone.identifiers.includes(row.code) && !row.duplicatedCode) {
    return { zone, verdict: 'MATCHED', reason: `carries the catalogue code ${row.code}` };
  }
  const rowParts = parseZoneName(row.name);
  const family = rowFamily(row);
  const province = zoneProvince(zone);
  const otherProvince = province !== null && province !== row.province.shortName;
  const names = [zone.name, ...zone.aliases].map(parseZoneName);
  if (names.some((parts) => parts.normalised === rowParts.normalised)) {
    return otherProvince
      ? { zone, verdict: 'AMBIGUOUS', reason: `the same name, but the graph places it in ${province}` }
      : { zone, verdict: 'MATCHED', reason: 'the same name' };
  }
  if (otherProvince) return null;
  const zoneFamily =
    names.map((parts) => parts.family).find((f) => f !== null) ?? SUBTYPE_FAMILY[zone.subtype ?? ''] ?? null;
  if (rowParts.stem !== '' && names.some((parts) => parts.stem === rowParts.stem)) {
    if (family !== null && zoneFamily !== null && family !== zoneFamily) {
      return { zone, verdict: 'KEPT_APART', reason: `the same place (${rowParts.stem}), another type of zone` };
    }
    if (family === null || zoneFamily === null) {
      return { zone, verdict: 'AMBIGUOUS', reason: `the same place (${rowParts.stem}); the type of one is not known` };
    }
    return province === null
      ? {
          zone,
          verdict: 'AMBIGUOUS',
          reason: `the same place (${rowParts.stem}) and type; the graph does not say the province`,
        }
      : { zone, verdict: 'MATCHED', reason: `the same place (${rowParts.stem}), type and province` };
  }
  const places = new Set(zone.regions.map((region) => placeStem(region.name)));
  if (rowParts.stem !== '' && places.has(rowParts.stem)) {
    return family !== null && family === zoneFamily
      ? {
          zone,
          verdict: 'AMBIGUOUS',
          reason: `lies in ${rowParts.stem}, which the row is named after, and is of the same type`,
        }
      : {
          zone,
          verdict: 'KEPT_APART',
          reason: `lies in ${rowParts.stem}, which the row is named after, but is another type of zone`,
        };
  }
  return null;
}

/**
 * Resolves every row against the graph's zones. `mergedInto` maps a row's own id to the entity an
 * editor merged it into (mergeEntities): such a row is that entity, whatever the names say.
 */
export function resolveRows(
  rows: readonly CatalogueRow[],
  zones: readonly GraphZone[],
  mergedInto: ReadonlyMap<string, string> = new Map(),
): Resolution[] {
  const first = rows.map((row): Resolution => {
    const merged = mergedInto.get(row.id);
    const candidates = zones.map((zone) => compare(row, zone)).filter((c): c is Candidate => c !== null);
    if (merged !== undefined) {
      return { row, outcome: 'MATCHED', target: merged, reason: `${row.id} was merged into ${merged}`, candidates };
    }
    const matched = candidates.filter((c) => c.verdict === 'MATCHED');
    const ambiguous = candidates.filter((c) => c.verdict === 'AMBIGUOUS');
    if (matched.length === 1 && ambiguous.length === 0) {
      const only = matched[0] as Candidate;
      return { row, outcome: 'MATCHED', target: only.zone.id, reason: only.reason, candidates };
    }
    if (matched.length + ambiguous.length > 0) {
      const reason =
        matched.length > 1
          ? `${matched.length} graph zones match`
          : [...matched, ...ambiguous].map((c) => c.reason).join('; ');
      return { row, outcome: 'AMBIGUOUS', target: null, reason, candidates };
    }
    return { row, outcome: 'NEW', target: null, reason: 'no zone in the graph is this one', candidates };
  });
  // A graph zone that two rows match is no sure match for either.
  const claims = new Map<string, number>();
  const editorial = (resolution: Resolution): boolean => mergedInto.has(resolution.row.id);
  for (const resolution of first) {
    if (resolution.outcome === 'MATCHED' && resolution.target !== null && !editorial(resolution)) {
      claims.set(resolution.target, (claims.get(resolution.target) ?? 0) + 1);
    }
  }
  return first.map((resolution) =>
    resolution.outcome === 'MATCHED' && !editorial(resolution) && (claims.get(resolution.target ?? '') ?? 0) > 1
      ? {
          ...resolution,
          outcome: 'AMBIGUOUS',
          target: null,
          reason: `${resolution.target ?? ''} is matched by ${claims.get(resolution.target ?? '') ?? 0} rows`,
        }
      : resolution,
  );
}
