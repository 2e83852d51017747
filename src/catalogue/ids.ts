import { pinyinSyllables } from '../search/name-forms';

/**
 * Ids of what the national zone catalogue (data/china-zones-2018) puts in the graph. The bench
 * generator builds the same ids, so both agree on one scheme:
 *
 * - a zone is `zone:cn-<代码 lowercased>` (`zone:cn-g141004`); a code the catalogue prints
 *   twice (S377018, two different zones) gives `zone:cn-<code>-<序号>` to both rows;
 * - a province is `region:<pinyin of its name without 省, 市 or 自治区>` (`region:hebei`),
 *   where an autonomous region's suffix includes its people (广西壮族自治区 → `region:guangxi`).
 *   陕西省 is `region:shaanxi` (the usual romanisation, which keeps it apart from 山西省,
 *   `region:shanxi`, the seed's existing entity); 内蒙古自治区 is `region:neimenggu`.
 */

/** The zone id of one catalogue row; `duplicated` when the row's code is printed on another row too. */
export function catalogueZoneId(code: string, serial: number | string, duplicated: boolean): string {
  const slug = code.trim().toLowerCase();
  if (!/^[a-z0-9]+$/.test(slug)) throw new Error(`a catalogue code is letters and digits, not "${code}"`);
  if (!duplicated) return `zone:cn-${slug}`;
  const number = String(serial).trim();
  if (!/^\d+$/.test(number)) throw new Error(`a catalogue serial number is digits, not "${String(serial)}"`);
  return `zone:cn-${slug}-${number}`;
}

/** Province-level suffixes, longest first: the people named in an autonomous region's go with it. */
const PROVINCE_SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '省', '市'] as const;

/** 山西省 less its suffix: 山西; 广西壮族自治区: 广西; 北京市: 北京. */
export function provinceShortName(name: string): string {
  const trimmed = name.trim();
  const suffix = PROVINCE_SUFFIXES.find((end) => trimmed.endsWith(end) && trimmed.length > end.length);
  return suffix === undefined ? trimmed : trimmed.slice(0, -suffix.length);
}

/**
 * Romanisations pinyin-pro would get wrong for a place: 陕西 would merge with 山西 (both shanxi),
 * and 喀什 and 昌都 read 什 and 都 in their other sounds.
 */
const SLUG_OVERRIDES: Readonly<Record<string, string>> = { 陕西: 'shaanxi', 喀什: 'kashi', 昌都: 'changdu' };

/** Lowercase pinyin without tones or spaces: the ASCII slug of a Han place name. */
export function placeSlug(shortName: string): string {
  const override = SLUG_OVERRIDES[shortName];
  if (override !== undefined) return override;
  const slug = pinyinSyllables(shortName)
    .join('')
    .replace(/[^a-z0-9]/g, '');
  if (slug === '') throw new Error(`"${shortName}" has no Han characters to make an id from`);
  return slug;
}

/** The region id of a province-level unit named as the catalogue's 省份 column writes it. */
export function provinceId(name: string): string {
  return `region:${placeSlug(provinceShortName(name))}`;
}
