import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { catalogueZoneId, provinceId, provinceShortName } from '../../src/catalogue/ids';
import { APPROVAL_LEVEL_OF, ZONE_TYPES } from '../../src/catalogue/rows';
import { PROJECT_ROOT } from '../../src/db/cypher';
import type { RelationStatusName } from '../../src/domain/vocabulary';
import type { EntityInput, EvidenceInput, FactInput, RelationInput, SourceInput } from '../../src/ingest/types';
import { scriptKey } from '../../src/search/name-forms';
import { readCatalogue, type CatalogueRow } from './catalogue';
import { apportion, Random, WeightedSampler, zipfWeights } from './random';

/**
 * The national graph generator behind `npm run bench:data`: a synthetic graph shaped like the
 * country (issue 8), written in the ingest format, deterministic in its arguments.
 *
 * - Geography: the 31 provinces and 2,543 zones of the official 2018 catalogue (real names,
 *   provinces, types, areas and leading industries; ids from src/catalogue/ids.ts), and
 *   **synthetic cities** (`山西合成3号市`, `region:shanxi-syn-city-3`), about one per eight zones
 *   of a province: zones LOCATED_IN cities, cities PART_OF provinces.
 * - Firms: N, spread over the zones with Zipf-skewed sizes (exponent 0.8 over a random ranking
 *   that favours national zones): a zone HOSTS its firm or the firm is LOCATED_IN it; some firms
 *   state their headcount (an `employment` fact), borrow from a bank (FINANCED_BY with an
 *   amount and a year), partner another firm (mostly of the same zone) or a university.
 * - Banks (120 per 100k firms) and universities (500 per 100k), each LOCATED_IN a province;
 *   banks and universities are picked with Zipf-skewed odds, so a few banks finance thousands
 *   of firms and a few universities partner hundreds.
 * - Projects (one per ten firms), in zones by the same skew: the zone DEVELOPS or HOSTS the
 *   project with a status, a `totalInvestment` fact with an amount, half of them a bank loan,
 *   a fifth a firm of the zone that INVESTS_IN it.
 * - Evidence: every entity, fact and relation quotes a line of a synthetic directory article
 *   (one per province for geography, per block of ≤ 200 lines per zone for firms and for
 *   projects, per block for banks and universities); each statement is one line.
 *
 * Every name is unique in either script (checked here, as the write path would refuse it):
 * firm, bank, university and project names carry a trade name (字号) encoded from the item's
 * number in characters that no fixed part of a name uses.
 */
export const GENERATOR_VERSION = '2';

export const SIZES: Readonly<Record<'S' | 'M' | 'L', number>> = { S: 10_000, M: 100_000, L: 1_000_000 };
export const MAX_FIRMS = 2_000_000;

/** Shape parameters, recorded in the manifest. */
const SHAPE = {
  zoneSizeExponent: 0.8,
  nationalZoneRankWeight: 3,
  zonesPerCity: 8,
  banksPer100kFirms: 120,
  universitiesPer100kFirms: 500,
  projectsPerFirm: 0.1,
  bankClientExponent: 1.1,
  universityPartnerExponent: 1.0,
  firmHostedShare: 0.7,
  firmEmploymentFactShare: 0.1,
  firmFinancedShare: 0.3,
  firmPartnerShare: 0.12,
  firmPartnerSameZoneShare: 0.6,
  firmUniversityPartnerShare: 0.05,
  projectDevelopedShare: 0.7,
  projectFinancedShare: 0.5,
  projectInvestorShare: 0.2,
  linesPerSource: 200,
  firmsPerFile: 20_000,
  projectsPerFile: 20_000,
} as const;

const PUBLISHER = 'ZoneGraph 合成数据';

export interface GenerateOptions {
  readonly firms: number;
  readonly seed: number;
  readonly outDir: string;
  /** Progress lines (for stderr). */
  readonly onProgress?: (line: string) => void;
}

export interface ManifestFile {
  readonly file: string;
  readonly idempotencyKey: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly sources: number;
  readonly entities: number;
  readonly relations: number;
}

export interface Manifest {
  readonly generator: { readonly name: string; readonly version: string };
  readonly arguments: { readonly firms: number; readonly seed: number };
  readonly shape: typeof SHAPE;
  readonly counts: {
    sources: number;
    entities: number;
    facts: number;
    relations: number;
    evidence: number;
    /** MENTIONED_IN relations the loader derives from entity evidence (one per entity and source). */
    mentionedIn: number;
    entitiesByKind: Record<string, number>;
    relationsByType: Record<string, number>;
    factsByKey: Record<string, number>;
  };
  readonly files: ManifestFile[];
}

/** The output directory `npm run bench:data` uses when none is given. */
export function defaultOutDir(firms: number, seed: number): string {
  return path.join(PROJECT_ROOT, '.bench', 'data', `firms-${firms}-seed-${seed}`);
}

interface Industry {
  readonly code: string;
  readonly name: string;
}

function readIndustries(): Industry[] {
  const file = path.join(PROJECT_ROOT, 'data', 'seed', 'industries.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as Industry[]).map(({ code, name }) => ({ code, name }));
}

/** Leading-industry words of the catalogue, mapped onto the industry vocabulary where one fits. */
const INDUSTRY_KEYWORDS: readonly [RegExp, string][] = [
  [/高端装备|先进装备/, 'advanced-equipment-manufacturing'],
  [/装备/, 'equipment-manufacturing'],
  [/医药|制药|生物医/, 'pharmaceuticals-and-health'],
  [/人工智能/, 'artificial-intelligence'],
  [/传感|智能感知/, 'intelligent-sensing'],
  [/光伏/, 'photovoltaics'],
  [/新能源/, 'new-energy'],
  [/农副产品|农产品/, 'agricultural-product-processing'],
  [/食品/, 'specialty-food'],
  [/冷链/, 'cold-chain-logistics'],
  [/粮/, 'grain-storage-and-logistics'],
  [/石墨/, 'graphite-materials'],
  [/铸造/, 'foundry'],
  [/轮胎|橡胶/, 'tyres-and-rubber'],
  [/酿/, 'brewing'],
];

/** Candidate characters of trade names (字号); those any fixed part of a name uses are removed. */
const TRADE_NAME_CHARS =
  '华盛泰鑫恒瑞祥宏远达丰源鼎诚信德嘉和兴隆昌茂顺安康永宇辰星辉明润泽川峰林森禾博众联创科汇捷美佳怡悦晨阳金铭锦绣凯旭升晟昊昆仑弘毅睿哲思卓越腾飞翔鹏骏驰锐谷盈裕富福禄寿喜庆乐春秋雅致尚品优精立正方圆宝玉欣荣耀晶凌云霖沛湘楚蓝青松柏竹梅兰菊朗逸轩宁静瀚浩澜涛渊扬帆';

const FIRM_FORMS: readonly { form: string; subtype: string }[] = [
  { form: '有限公司', subtype: 'COMPANY' },
  { form: '有限公司', subtype: 'COMPANY' },
  { form: '股份有限公司', subtype: 'COMPANY' },
  { form: '科技有限公司', subtype: 'COMPANY' },
  { form: '集团有限公司', subtype: 'GROUP' },
];
const BANK_FORMS: readonly { form: string; subtype: string }[] = [
  { form: '农村商业银行', subtype: 'COMMERCIAL_BANK' },
  { form: '商业银行', subtype: 'COMMERCIAL_BANK' },
  { form: '村镇银行', subtype: 'COMMERCIAL_BANK' },
  { form: '发展银行', subtype: 'POLICY_BANK' },
];
const UNIVERSITY_FORMS: readonly { form: string; subtype: string }[] = [
  { form: '大学', subtype: 'UNIVERSITY' },
  { form: '理工大学', subtype: 'UNIVERSITY' },
  { form: '工业研究院', subtype: 'RESEARCH_INSTITUTE' },
];
const PROJECT_FORMS: readonly { form: string; subtype: string }[] = [
  { form: '产业园项目', subtype: 'INDUSTRIAL' },
  { form: '生产线项目', subtype: 'INDUSTRIAL' },
  { form: '基础设施项目', subtype: 'INFRASTRUCTURE' },
  { form: '研发中心项目', subtype: 'RESEARCH' },
  { form: '公共服务平台项目', subtype: 'PLATFORM' },
];
const PROJECT_STATUSES: readonly { status: RelationStatusName; text: string }[] = [
  { status: 'ANNOUNCED', text: '已签约' },
  { status: 'PLANNED', text: '计划开工' },
  { status: 'UNDER_CONSTRUCTION', text: '正在建设' },
  { status: 'COMPLETED', text: '已竣工' },
  { status: 'IN_OPERATION', text: '已投产' },
];
/** Fixed words of lines that sit next to a trade name. */
const OTHER_FIXED_TEXT = '合成号市开发区名录数据';

/**
 * Trade names (字号) for items 0..count-1: distinct strings of `length` characters of `chars`,
 * in an order scrambled by the seed (an affine bijection of the numbers), so neighbouring items
 * do not share their first characters and another seed gives other names.
 */
class TradeNames {
  private readonly length: number;
  private readonly modulus: bigint;
  private readonly a: bigint;
  private readonly b: bigint;

  constructor(
    private readonly chars: readonly string[],
    count: number,
    random: Random,
  ) {
    const base = chars.length;
    this.length = Math.max(2, Math.ceil(Math.log(Math.max(count, 2)) / Math.log(base) + 1e-9));
    this.modulus = BigInt(base) ** BigInt(this.length);
    const gcd = (x: bigint, y: bigint): bigint => (y === 0n ? x : gcd(y, x % y));
    let a = 0n;
    while (a === 0n || gcd(a, BigInt(base)) !== 1n) {
      a = BigInt(random.uint32()) % this.modulus;
    }
    this.a = a;
    this.b = BigInt(random.uint32()) % this.modulus;
  }

  get(index: number): string {
    let value = (this.a * BigInt(index) + this.b) % this.modulus;
    const base = BigInt(this.chars.length);
    let out = '';
    for (let i = 0; i < this.length; i += 1) {
      out = (this.chars[Number(value % base)] as string) + out;
      value /= base;
    }
    return out;
  }
}

/** One synthetic article: a title line, then one statement per line. */
class SourceBuilder {
  private readonly lines: string[];
  private offset: number;

  constructor(
    readonly id: string,
    readonly title: string,
  ) {
    this.lines = [title];
    this.offset = title.length + 1;
  }

  get size(): number {
    return this.lines.length;
  }

  /** Evidence of a quote in the title line. */
  titleQuote(quote: string): EvidenceInput {
    return this.at(0, 0, this.title, quote);
  }

  /** Adds one line; the returned function cites a part of it (its first occurrence). */
  line(text: string): (quote: string) => EvidenceInput {
    const paragraph = this.lines.length;
    const start = this.offset;
    this.lines.push(text);
    this.offset += text.length + 1;
    return (quote) => this.at(paragraph, start, text, quote);
  }

  record(): SourceInput {
    return {
      id: this.id,
      title: this.title,
      section: null,
      publisher: PUBLISHER,
      byline: null,
      kind: 'ARTICLE',
      text: this.lines.join('\n'),
      qualityFlags: [],
    };
  }

  private at(paragraph: number, lineStart: number, text: string, quote: string): EvidenceInput {
    const index = text.indexOf(quote);
    if (index < 0) throw new Error(`generator bug: "${quote}" is not in "${text}"`);
    const start = lineStart + index;
    return { source: this.id, paragraph, start, end: start + quote.length, quote };
  }
}

interface Counts {
  sources: number;
  entities: number;
  facts: number;
  relations: number;
  evidence: number;
  mentionedIn: number;
  entitiesByKind: Record<string, number>;
  relationsByType: Record<string, number>;
  factsByKey: Record<string, number>;
}

const bump = (map: Record<string, number>, key: string, by = 1): void => {
  map[key] = (map[key] ?? 0) + by;
};

/**
 * One output file: one batch with its own idempotency key, written in one go when closed
 * (sources first, then entities, then relations), with its sha256 for the manifest.
 */
class BatchFile {
  private readonly sources: string[] = [];
  private readonly entities: string[] = [];
  private readonly relations: string[] = [];
  private readonly open = new Map<string, SourceBuilder>();

  constructor(
    readonly file: string,
    readonly idempotencyKey: string,
    private readonly counts: Counts,
  ) {}

  get entityCount(): number {
    return this.entities.length;
  }

  /** A source to write into; it is emitted when the file closes (or `finish` is called). */
  source(builder: SourceBuilder): SourceBuilder {
    this.open.set(builder.id, builder);
    return builder;
  }

  finish(builder: SourceBuilder): void {
    if (!this.open.delete(builder.id)) return;
    this.sources.push(JSON.stringify({ source: builder.record() }));
    this.counts.sources += 1;
  }

  entity(entity: EntityInput): void {
    this.entities.push(JSON.stringify({ entity }));
    this.counts.entities += 1;
    bump(this.counts.entitiesByKind, entity.kind);
    const facts = entity.facts ?? [];
    this.counts.facts += facts.length;
    for (const fact of facts) bump(this.counts.factsByKey, fact.key);
    this.counts.evidence += entity.evidence.length + facts.reduce((sum, fact) => sum + fact.evidence.length, 0);
    this.counts.mentionedIn += new Set(entity.evidence.map((item) => item.source)).size;
  }

  relation(relation: RelationInput): void {
    this.relations.push(JSON.stringify({ relation }));
    this.counts.relations += 1;
    bump(this.counts.relationsByType, relation.type);
    this.counts.evidence += relation.evidence.length;
  }

  close(dir: string): ManifestFile {
    for (const builder of [...this.open.values()]) this.finish(builder);
    const lines = [
      JSON.stringify({ idempotencyKey: this.idempotencyKey }),
      ...this.sources,
      ...this.entities,
      ...this.relations,
    ];
    const content = `${lines.join('\n')}\n`;
    fs.writeFileSync(path.join(dir, this.file), content);
    return {
      file: this.file,
      idempotencyKey: this.idempotencyKey,
      bytes: Buffer.byteLength(content),
      sha256: createHash('sha256').update(content).digest('hex'),
      sources: this.sources.length,
      entities: this.entities.length,
      relations: this.relations.length,
    };
  }
}

interface Zone {
  readonly id: string;
  readonly row: CatalogueRow;
  readonly provinceId: string;
  readonly provinceShort: string;
  readonly industries: string[];
  firmStart: number;
  firmEnd: number;
}

/** Files this generator writes (and removes from the output directory before writing). */
export const OUTPUT_FILE = /^\d{2}-[a-z0-9-]+\.jsonl$/;

/**
 * Generates the national graph into `outDir` and returns its manifest (also written there as
 * manifest.json). Same options, same bytes.
 */
export function generateNationalGraph(options: GenerateOptions): Manifest {
  const { firms: firmCount, seed, outDir } = options;
  if (!Number.isInteger(firmCount) || firmCount < 1 || firmCount > MAX_FIRMS) {
    throw new Error(`firms must be an integer from 1 to ${MAX_FIRMS}`);
  }
  const progress = options.onProgress ?? (() => undefined);
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of fs.readdirSync(outDir)) {
    if (OUTPUT_FILE.test(file) || file === 'manifest.json') fs.rmSync(path.join(outDir, file));
  }

  const industries = readIndustries();
  const industryName = new Map(industries.map((industry) => [industry.code, industry.name]));
  const rows = readCatalogue();
  const counts: Counts = {
    sources: 0,
    entities: 0,
    facts: 0,
    relations: 0,
    evidence: 0,
    mentionedIn: 0,
    entitiesByKind: {},
    relationsByType: {},
    factsByKey: {},
  };
  const files: ManifestFile[] = [];
  const keyPrefix = `national-v${GENERATOR_VERSION}-firms-${firmCount}-seed-${seed}`;
  const newFile = (name: string): BatchFile =>
    new BatchFile(name, `${keyPrefix}-${name.replace(/\.jsonl$/, '')}`, counts);
  const closeFile = (file: BatchFile): void => {
    const entry = file.close(outDir);
    files.push(entry);
    progress(
      `${entry.file}: ${entry.sources} sources, ${entry.entities} entities, ${entry.relations} relations (${(entry.bytes / 1e6).toFixed(1)} MB)`,
    );
  };

  // Every name is checked in either script, as the write path does (ALIAS_CONFLICT).
  const names = new Set<string>();
  const claim = (name: string): string => {
    const key = scriptKey(name);
    if (names.has(key)) throw new Error(`generator bug: the name "${name}" is used twice`);
    names.add(key);
    return name;
  };

  // Trade-name characters: none that a fixed part of a name uses, and none that another script writes differently.
  const fixed = new Set(
    [
      ...rows.map((row) => provinceShortName(row.province)),
      ...industries.map((industry) => industry.name),
      ...[FIRM_FORMS, BANK_FORMS, UNIVERSITY_FORMS, PROJECT_FORMS].flatMap((forms) => forms.map((f) => f.form)),
      OTHER_FIXED_TEXT,
    ].join(''),
  );
  const chars = [...new Set(TRADE_NAME_CHARS)].filter((char) => !fixed.has(char) && scriptKey(char) === char);

  // --- Geography: provinces, synthetic cities, the catalogue's zones ----------------------------
  const random = new Random(seed, 1);
  const codeCount = new Map<string, number>();
  for (const row of rows) codeCount.set(row.code, (codeCount.get(row.code) ?? 0) + 1);
  const zones: Zone[] = rows.map((row) => ({
    id: catalogueZoneId(row.code, row.serial, (codeCount.get(row.code) ?? 0) > 1),
    row,
    provinceId: provinceId(row.province),
    provinceShort: provinceShortName(row.province),
    industries: INDUSTRY_KEYWORDS.filter(([pattern]) => pattern.test(row.industries))
      .map(([, code]) => code)
      .filter((code) => industryName.has(code)),
    firmStart: 0,
    firmEnd: 0,
  }));
  const provinces = [...new Set(rows.map((row) => row.province))];
  const zonesOf = new Map(
    provinces.map((province) => [province, zones.filter((zone) => zone.row.province === province)]),
  );

  const geography = newFile('01-geography.jsonl');
  for (const province of provinces) {
    const id = provinceId(province);
    const slug = id.slice('region:'.length);
    const short = provinceShortName(province);
    const source = geography.source(new SourceBuilder(`source:syn-geo-${slug}`, `${province}开发区名录（合成数据）`));
    // Fields left out keep what a graph already holds (the seed's 山西省 has an English name).
    geography.entity({
      id,
      kind: 'REGION',
      subtype: 'PROVINCE',
      name: claim(province),
      evidence: [source.titleQuote(province)],
    });
    const members = zonesOf.get(province) ?? [];
    const cities = Array.from({ length: Math.max(1, Math.round(members.length / SHAPE.zonesPerCity)) }, (_, k) => ({
      id: `region:${slug}-syn-city-${k + 1}`,
      name: claim(`${short}合成${k + 1}号市`),
    }));
    for (const city of cities) {
      const cite = source.line(`${city.name}隶属${province}。`);
      geography.entity({
        id: city.id,
        kind: 'REGION',
        subtype: 'CITY',
        name: city.name,
        englishName: null,
        aliases: [],
        industries: [],
        evidence: [cite(city.name)],
        facts: [],
        qualityFlags: [],
      });
      geography.relation({
        type: 'PART_OF',
        from: city.id,
        to: id,
        evidence: [cite(`${city.name}隶属${province}`)],
        qualityFlags: [],
      });
    }
    for (const zone of members) {
      const city = random.pick(cities);
      const { row } = zone;
      const area = `${row.areaHectares}公顷`;
      // The catalogue's own fields, as the importer models them (src/catalogue/batch.ts): code,
      // level, type (the subtype), approval month (the first of a row's two dates) and area.
      const level = APPROVAL_LEVEL_OF[row.level];
      const subtype = level === undefined ? null : (ZONE_TYPES[level][row.type] ?? null);
      // Each fact cites its own words: two facts quoting the same span would share one evidence
      // item, and the manifest counts one per citation.
      const approval = `${row.approved}批准`;
      const approved = /^(\d{4})\.(\d{2})/.exec(row.approved);
      const cite = source.line(
        `${row.name}位于${city.name}（${row.code}，${row.type}），${row.level}${approval}，核准面积${area}，主导产业为${row.industries}。`,
      );
      const facts: FactInput[] = [
        { key: 'catalogueCode', value: row.code, evidence: [cite(row.code)] },
        { key: 'approvalLevel', value: row.level, evidence: [cite(row.level)] },
        { key: 'zoneType', value: row.type, evidence: [cite(`${row.code}，${row.type}`)] },
        ...(approved === null
          ? []
          : [
              {
                key: 'approvalDate',
                value: row.approved,
                date: `${approved[1]}-${approved[2]}`,
                evidence: [cite(approval)],
              },
            ]),
        { key: 'approvedArea', value: area, evidence: [cite(`核准面积${area}`)] },
        { key: 'focusIndustries', value: row.industries, evidence: [cite(`主导产业为${row.industries}`)] },
      ];
      geography.entity({
        id: zone.id,
        kind: 'ZONE',
        subtype,
        name: claim(row.name),
        englishName: null,
        aliases: [],
        industries: zone.industries,
        evidence: [cite(row.name)],
        facts,
        qualityFlags: [],
      });
      geography.relation({
        type: 'LOCATED_IN',
        from: zone.id,
        to: city.id,
        evidence: [cite(`${row.name}位于${city.name}`)],
        qualityFlags: [],
      });
    }
  }
  closeFile(geography);

  // Zone sizes: a random ranking (national zones three times as likely to rank high), Zipf over it.
  const rankKeys = zones.map(
    (zone) => -Math.log(1 - random.next()) / (zone.row.level === '国务院' ? SHAPE.nationalZoneRankWeight : 1),
  );
  const byRank = zones.map((_, i) => i).sort((a, b) => (rankKeys[a] as number) - (rankKeys[b] as number) || a - b);
  const zoneWeights = new Array<number>(zones.length).fill(0);
  zipfWeights(zones.length, SHAPE.zoneSizeExponent).forEach((weight, rank) => {
    zoneWeights[byRank[rank] as number] = weight;
  });
  const firmsPerZone = apportion(firmCount, zoneWeights);
  const projectCount = Math.max(1, Math.round(firmCount * SHAPE.projectsPerFirm));
  const projectsPerZone = apportion(projectCount, zoneWeights);

  // --- Banks and universities -----------------------------------------------------------------
  const scale = firmCount / 100_000;
  const bankCount = Math.max(3, Math.round(SHAPE.banksPer100kFirms * scale));
  const universityCount = Math.max(5, Math.round(SHAPE.universitiesPer100kFirms * scale));
  const institutions = newFile('02-institutions.jsonl');
  const provinceSampler = new WeightedSampler(provinces.map((province) => (zonesOf.get(province) ?? []).length));
  const institutionBlock = (kind: string, index: number, title: string): SourceBuilder =>
    new SourceBuilder(`source:syn-${kind}-${Math.floor(index / SHAPE.linesPerSource) + 1}`, title);

  const bankNames = new TradeNames(random.shuffle(chars), bankCount, random);
  const banks: { id: string; name: string }[] = [];
  let bankSource: SourceBuilder | null = null;
  for (let i = 0; i < bankCount; i += 1) {
    if (i % SHAPE.linesPerSource === 0) {
      if (bankSource !== null) institutions.finish(bankSource);
      const part = Math.floor(i / SHAPE.linesPerSource) + 1;
      bankSource = institutions.source(institutionBlock('banks', i, `全国银行机构名录（合成数据）第${part}篇`));
    }
    const province = provinces[provinceSampler.draw(random)] as string;
    const form = random.pick(BANK_FORMS);
    const bank = {
      id: `bank:syn-${i + 1}`,
      name: claim(`${provinceShortName(province)}${bankNames.get(i)}${form.form}`),
    };
    banks.push(bank);
    const cite = (bankSource as SourceBuilder).line(`${bank.name}总部位于${province}。`);
    institutions.entity({
      id: bank.id,
      kind: 'BANK',
      subtype: form.subtype,
      name: bank.name,
      englishName: null,
      aliases: [],
      industries: [],
      evidence: [cite(bank.name)],
      facts: [],
      qualityFlags: [],
    });
    institutions.relation({
      type: 'LOCATED_IN',
      from: bank.id,
      to: provinceId(province),
      evidence: [cite(`${bank.name}总部位于${province}`)],
      qualityFlags: [],
    });
  }

  const universityNames = new TradeNames(random.shuffle(chars), universityCount, random);
  const universities: { id: string; name: string }[] = [];
  let universitySource: SourceBuilder | null = null;
  for (let i = 0; i < universityCount; i += 1) {
    if (i % SHAPE.linesPerSource === 0) {
      if (universitySource !== null) institutions.finish(universitySource);
      const part = Math.floor(i / SHAPE.linesPerSource) + 1;
      universitySource = institutions.source(
        institutionBlock('universities', i, `全国高校与科研院所名录（合成数据）第${part}篇`),
      );
    }
    const province = provinces[provinceSampler.draw(random)] as string;
    const form = random.pick(UNIVERSITY_FORMS);
    const university = {
      id: `university:syn-${i + 1}`,
      name: claim(`${provinceShortName(province)}${universityNames.get(i)}${form.form}`),
    };
    universities.push(university);
    const cite = (universitySource as SourceBuilder).line(`${university.name}坐落于${province}。`);
    institutions.entity({
      id: university.id,
      kind: 'UNIVERSITY',
      subtype: form.subtype,
      name: university.name,
      englishName: null,
      aliases: [],
      industries: [],
      evidence: [cite(university.name)],
      facts: [],
      qualityFlags: [],
    });
    institutions.relation({
      type: 'LOCATED_IN',
      from: university.id,
      to: provinceId(province),
      evidence: [cite(`${university.name}坐落于${province}`)],
      qualityFlags: [],
    });
  }
  closeFile(institutions);

  // Hubs: the order of banks and universities by popularity is random, the skew Zipf.
  const bankOrder = random.shuffle(banks.map((_, i) => i));
  const bankSampler = new WeightedSampler(zipfWeights(bankCount, SHAPE.bankClientExponent));
  const pickBank = (): { id: string; name: string } =>
    banks[bankOrder[bankSampler.draw(random)] as number] as { id: string; name: string };
  const universityOrder = random.shuffle(universities.map((_, i) => i));
  const universitySampler = new WeightedSampler(zipfWeights(universityCount, SHAPE.universityPartnerExponent));
  const pickUniversity = (): { id: string; name: string } =>
    universities[universityOrder[universitySampler.draw(random)] as number] as { id: string; name: string };

  const loan = (medianWan: number, sigma: number, capWan = Infinity): string => {
    const wan = Math.max(10, Math.min(capWan, Math.round(random.logNormal(Math.log(medianWan), sigma))));
    return money(wan);
  };
  const year = (): string => String(2016 + random.int(10));

  // --- Firms, zone by zone ----------------------------------------------------------------------
  const firmNames = new TradeNames(random.shuffle(chars), firmCount, random);
  const firmName: string[] = new Array<string>(firmCount);
  const firmId = (i: number): string => `enterprise:syn-${i + 1}`;
  const partnered = new Set<string>();
  let firmFile: BatchFile | null = null;
  let firmFiles = 0;
  let next = 0;
  for (const [z, zone] of zones.entries()) {
    zone.firmStart = next;
    const size = firmsPerZone[z] ?? 0;
    let source: SourceBuilder | null = null;
    let part = 0;
    for (let k = 0; k < size; k += 1) {
      const i = next;
      next += 1;
      if (firmFile === null || firmFile.entityCount >= SHAPE.firmsPerFile) {
        if (firmFile !== null) closeFile(firmFile);
        firmFiles += 1;
        firmFile = newFile(`03-firms-${String(firmFiles).padStart(4, '0')}.jsonl`);
        source = null;
      }
      const file = firmFile;
      // About four lines per firm: a block ends before it would pass the limit.
      if (source === null || source.size + 4 > SHAPE.linesPerSource) {
        if (source !== null) file.finish(source);
        part += 1;
        source = file.source(
          new SourceBuilder(
            `source:syn-firms-${zone.id.slice('zone:'.length)}-${part}`,
            `${zone.row.name}入驻企业名录（合成数据）第${part}篇`,
          ),
        );
      }
      const industry =
        zone.industries.length > 0 && random.chance(0.7) ? random.pick(zone.industries) : random.pick(industries).code;
      const form = random.pick(FIRM_FORMS);
      const name = claim(`${zone.provinceShort}${firmNames.get(i)}${industryName.get(industry) ?? ''}${form.form}`);
      firmName[i] = name;
      const id = firmId(i);
      const hosted = random.chance(SHAPE.firmHostedShare);
      const headcount = random.chance(SHAPE.firmEmploymentFactShare)
        ? `${Math.max(5, Math.round(random.logNormal(Math.log(200), 1)))}人`
        : null;
      const statement = hosted ? `${zone.row.name}引进${name}` : `${name}落户${zone.row.name}`;
      const cite = source.line(
        `${statement}，主营${industryName.get(industry) ?? ''}${headcount === null ? '' : `，员工${headcount}`}。`,
      );
      file.entity({
        id,
        kind: 'ENTERPRISE',
        subtype: form.subtype,
        name,
        englishName: null,
        aliases: [],
        industries: [industry],
        evidence: [cite(name)],
        facts:
          headcount === null ? [] : [{ key: 'employment', value: headcount, evidence: [cite(`员工${headcount}`)] }],
        qualityFlags: [],
      });
      file.relation(
        hosted
          ? { type: 'HOSTS', from: zone.id, to: id, evidence: [cite(statement)], qualityFlags: [] }
          : { type: 'LOCATED_IN', from: id, to: zone.id, evidence: [cite(statement)], qualityFlags: [] },
      );
      if (random.chance(SHAPE.firmFinancedShare)) {
        const bank = pickBank();
        const amount = loan(1500, 1);
        const when = year();
        const text = `${when}年，${name}获${bank.name}贷款${amount}`;
        const quote = source.line(`${text}。`)(text);
        file.relation({
          type: 'FINANCED_BY',
          from: id,
          to: bank.id,
          amount,
          date: when,
          evidence: [quote],
          qualityFlags: [],
        });
      }
      if (i > 0 && random.chance(SHAPE.firmPartnerShare)) {
        const local = i > zone.firmStart && random.chance(SHAPE.firmPartnerSameZoneShare);
        const j = local ? zone.firmStart + random.int(i - zone.firmStart) : random.int(i);
        const pair = `${j}:${i}`;
        if (!partnered.has(pair)) {
          partnered.add(pair);
          const text = `${name}与${firmName[j] ?? ''}签署合作协议`;
          const quote = source.line(`${text}。`)(text);
          file.relation({ type: 'PARTNERED_WITH', from: id, to: firmId(j), evidence: [quote], qualityFlags: [] });
        }
      }
      if (random.chance(SHAPE.firmUniversityPartnerShare)) {
        const university = pickUniversity();
        const text = `${name}与${university.name}共建研发中心`;
        const quote = source.line(`${text}。`)(text);
        file.relation({ type: 'PARTNERED_WITH', from: id, to: university.id, evidence: [quote], qualityFlags: [] });
      }
    }
    if (source !== null && firmFile !== null) firmFile.finish(source);
    zone.firmEnd = next;
  }
  if (firmFile !== null) closeFile(firmFile);

  // --- Projects, zone by zone -------------------------------------------------------------------
  const projectNames = new TradeNames(random.shuffle(chars), projectCount, random);
  let projectFile: BatchFile | null = null;
  let projectFiles = 0;
  let p = 0;
  for (const [z, zone] of zones.entries()) {
    const size = projectsPerZone[z] ?? 0;
    let source: SourceBuilder | null = null;
    let part = 0;
    for (let k = 0; k < size; k += 1) {
      const i = p;
      p += 1;
      if (projectFile === null || projectFile.entityCount >= SHAPE.projectsPerFile) {
        if (projectFile !== null) closeFile(projectFile);
        projectFiles += 1;
        projectFile = newFile(`04-projects-${String(projectFiles).padStart(4, '0')}.jsonl`);
        source = null;
      }
      const file = projectFile;
      if (source === null || source.size + 4 > SHAPE.linesPerSource) {
        if (source !== null) file.finish(source);
        part += 1;
        source = file.source(
          new SourceBuilder(
            `source:syn-projects-${zone.id.slice('zone:'.length)}-${part}`,
            `${zone.row.name}重点项目清单（合成数据）第${part}篇`,
          ),
        );
      }
      const industry =
        zone.industries.length > 0 && random.chance(0.7) ? random.pick(zone.industries) : random.pick(industries).code;
      const form = random.pick(PROJECT_FORMS);
      const id = `project:syn-${i + 1}`;
      const name = claim(`${zone.provinceShort}${projectNames.get(i)}${industryName.get(industry) ?? ''}${form.form}`);
      const status = random.pick(PROJECT_STATUSES);
      const developed = random.chance(SHAPE.projectDevelopedShare);
      const statement = `${zone.row.name}${developed ? '建设' : '引进'}${name}，${status.text}`;
      const cite = source.line(`${statement}。`);
      const investmentWan = Math.max(100, Math.round(random.logNormal(Math.log(30_000), 1.2)));
      const investment = money(investmentWan);
      const citeInvestment = source.line(`${name}总投资${investment}。`);
      file.entity({
        id,
        kind: 'PROJECT',
        subtype: form.subtype,
        name,
        englishName: null,
        aliases: [],
        industries: [industry],
        evidence: [cite(name)],
        facts: [
          { key: 'totalInvestment', value: investment, evidence: [citeInvestment(`${name}总投资${investment}`)] },
        ],
        qualityFlags: [],
      });
      file.relation({
        type: developed ? 'DEVELOPS' : 'HOSTS',
        from: zone.id,
        to: id,
        status: status.status,
        evidence: [cite(statement)],
        qualityFlags: [],
      });
      if (random.chance(SHAPE.projectFinancedShare)) {
        const bank = pickBank();
        const amount = loan(investmentWan / 4, 0.8, Math.round(investmentWan * 0.8));
        const when = year();
        const text = `${when}年，${name}获${bank.name}贷款${amount}`;
        const quote = source.line(`${text}。`)(text);
        file.relation({
          type: 'FINANCED_BY',
          from: id,
          to: bank.id,
          amount,
          date: when,
          evidence: [quote],
          qualityFlags: [],
        });
      }
      if (zone.firmEnd > zone.firmStart && random.chance(SHAPE.projectInvestorShare)) {
        const investor = zone.firmStart + random.int(zone.firmEnd - zone.firmStart);
        const text = `${firmName[investor] ?? ''}投资建设${name}`;
        const quote = source.line(`${text}。`)(text);
        file.relation({ type: 'INVESTS_IN', from: firmId(investor), to: id, evidence: [quote], qualityFlags: [] });
      }
    }
    if (source !== null && projectFile !== null) projectFile.finish(source);
  }
  if (projectFile !== null) closeFile(projectFile);

  const manifest: Manifest = {
    generator: { name: 'zonegraph bench/national', version: GENERATOR_VERSION },
    arguments: { firms: firmCount, seed },
    shape: SHAPE,
    counts: {
      ...counts,
      entitiesByKind: sortedKeys(counts.entitiesByKind),
      relationsByType: sortedKeys(counts.relationsByType),
      factsByKey: sortedKeys(counts.factsByKey),
    },
    files,
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** An amount in 万元 as a newspaper writes it: 3200万元, or 5.25亿元 from 1亿 on. */
function money(wan: number): string {
  if (wan < 10_000) return `${wan}万元`;
  return `${(wan / 10_000).toFixed(2).replace(/\.?0+$/, '')}亿元`;
}

function sortedKeys(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
