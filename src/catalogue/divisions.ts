import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../db/cypher';
import { parseCsv } from './csv';
import { placeSlug } from './ids';
import { PROVINCES, type Province } from './provinces';

/**
 * Prefecture-level divisions (地级市, 地区, 自治州, 盟), from data/china-divisions-2023/cities.csv
 * (the National Bureau of Statistics' 2023 division codes; origin and sha256 in its README).
 * The catalogue has no city column it can be trusted on (its 城市区县 column is a stem the
 * transcriber cut from the name), so a zone is placed in a city only where its name states
 * one: 山西阳泉经济开发区 begins, after its province, with 阳泉, a city of 山西省.
 */

export const CITIES_FILE = path.join(PROJECT_ROOT, 'data', 'china-divisions-2023', 'cities.csv');

export interface City {
  /** The official name: 阳泉市, 延边朝鲜族自治州, 阿拉善盟. */
  readonly name: string;
  /** The name as zone names begin with it: 阳泉, 延边, 阿拉善. */
  readonly shortName: string;
  readonly code: string;
  readonly province: Province;
  /** `region:<pinyin of the short name>`, qualified by the province's slug where two places share it. */
  readonly id: string;
}

/** Rows that are placeholders, not cities: the municipalities' districts and directly governed counties. */
const NOT_A_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/u;

/** The peoples named in autonomous prefectures' names (延边朝鲜族自治州, 伊犁哈萨克自治州). */
const PEOPLES = '朝鲜|土家|苗|藏|羌|彝|布依|侗|哈尼|壮|傣|白|景颇|傈僳|回|蒙古|柯尔克孜|哈萨克';
const PREFECTURE_SUFFIX = new RegExp(`(?:(?:${PEOPLES})族?)+自治州$`, 'u');

/** A prefecture-level name less its suffix: 阳泉市 → 阳泉, 延边朝鲜族自治州 → 延边, 阿拉善盟 → 阿拉善. */
export function cityShortName(name: string): string {
  const prefecture = PREFECTURE_SUFFIX.exec(name);
  if (prefecture !== null && prefecture.index > 0) return name.slice(0, prefecture.index);
  for (const suffix of ['地区', '市', '盟']) {
    if (name.endsWith(suffix) && name.length > suffix.length + 1) return name.slice(0, -suffix.length);
  }
  return name;
}

let cities: readonly City[] | null = null;

/** Every prefecture-level division, read once per process. */
export function allCities(): readonly City[] {
  if (cities !== null) return cities;
  const byCode = new Map(PROVINCES.map((province) => [province.code, province]));
  const [header, ...rows] = parseCsv(fs.readFileSync(CITIES_FILE, 'utf8')).filter((line) => line.cells.length > 0);
  if (header?.cells.map((cell) => cell.value).join(',') !== 'code,name,provinceCode') {
    throw new Error(`${CITIES_FILE}: the header is not code,name,provinceCode`);
  }
  const drafts = rows
    .map((line) => {
      const [code, name, provinceCode] = line.cells.map((cell) => cell.value) as [string, string, string];
      const province = byCode.get(provinceCode);
      if (province === undefined) throw new Error(`${CITIES_FILE} line ${line.line}: unknown province ${provinceCode}`);
      return { code, name, province, shortName: cityShortName(name) };
    })
    .filter((draft) => !NOT_A_CITY.test(draft.name));
  // A slug two places share (吉林省 and 吉林市, 福州 and 抚州) is qualified by the province for cities.
  const count = new Map<string, number>();
  for (const slug of [
    ...PROVINCES.map((p) => p.id.slice('region:'.length)),
    ...drafts.map((d) => placeSlug(d.shortName)),
  ]) {
    count.set(slug, (count.get(slug) ?? 0) + 1);
  }
  cities = drafts.map((draft) => {
    const slug = placeSlug(draft.shortName);
    const qualified = (count.get(slug) ?? 0) > 1;
    const provinceSlug = draft.province.id.slice('region:'.length);
    return { ...draft, id: `region:${qualified ? `${provinceSlug}-` : ''}${slug}` };
  });
  return cities;
}

export interface CityInName {
  readonly city: City;
  /** Where the city's short name stands in the zone name. */
  readonly start: number;
  readonly end: number;
}

/**
 * The city a zone name states: after the province's name or short name, if the name begins with
 * one, the name must begin with the short name of a city of the same province (the longest one
 * that fits). 吉林经济技术开发区 is in 吉林市 (nothing follows 吉林 the province), 山西阳泉经济开发区
 * in 阳泉市; a name that begins with a county (山西清徐经济开发区) or names no place gives null.
 */
export function cityInName(name: string, province: Province): CityInName | null {
  const candidates = allCities().filter((city) => city.province === province);
  const find = (offset: number): CityInName | null => {
    let best: City | null = null;
    for (const city of candidates) {
      if (city.shortName.length < 2) continue;
      const matches = name.startsWith(city.shortName, offset);
      if (matches && (best === null || city.shortName.length > best.shortName.length)) best = city;
    }
    return best === null ? null : { city: best, start: offset, end: offset + best.shortName.length };
  };
  for (const prefix of [province.name, province.shortName]) {
    if (name.startsWith(prefix)) {
      const after = find(prefix.length);
      if (after !== null) return after;
    }
  }
  return find(0);
}
