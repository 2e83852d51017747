import fs from 'node:fs';
import path from 'node:path';
import { catalogueZoneId, provinceId } from '../../src/catalogue/ids';

const CATALOGUE = path.resolve(__dirname, '../../data/china-zones-2018/catalogue.csv');

/** The catalogue's rows as column → cell maps (the file needs no CSV quoting, see its README). */
function catalogueRows(): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(CATALOGUE, 'utf8').trimEnd().split('\n');
  const columns = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [columns[i] ?? '', cell])));
}

describe('catalogue ids', () => {
  test('zones: zone:cn-<code lowercased>; the duplicated code gives both rows their serial', () => {
    expect(catalogueZoneId('G141004', '14', false)).toBe('zone:cn-g141004');
    expect(catalogueZoneId('S377018', '929', true)).toBe('zone:cn-s377018-929');
    expect(catalogueZoneId('S377018', 932, true)).toBe('zone:cn-s377018-932');
    expect(() => catalogueZoneId('G14 1004', '1', false)).toThrow('not a catalogue code');
    expect(() => catalogueZoneId('S377018', '', true)).toThrow('serial');
  });

  test('provinces: region:<pinyin slug>, 山西 and 陕西 apart, suffixes dropped', () => {
    expect(provinceId('山西省')).toBe('region:shanxi');
    expect(provinceId('山西')).toBe('region:shanxi');
    expect(provinceId('陕西省')).toBe('region:shaanxi');
    expect(provinceId('内蒙古自治区')).toBe('region:neimenggu');
    expect(provinceId('广西壮族自治区')).toBe('region:guangxi');
    expect(provinceId('宁夏回族自治区')).toBe('region:ningxia');
    expect(provinceId('新疆维吾尔自治区')).toBe('region:xinjiang');
    expect(provinceId('西藏自治区')).toBe('region:xizang');
    expect(provinceId('重庆市')).toBe('region:chongqing');
    expect(() => provinceId('长治市')).toThrow('not a province-level unit');
  });

  test('every catalogue row gets a distinct, well-formed id, and its 31 provinces 31 distinct ids', () => {
    const rows = catalogueRows();
    expect(rows).toHaveLength(2543);
    const codeCount = new Map<string, number>();
    for (const row of rows) codeCount.set(row['代码'] ?? '', (codeCount.get(row['代码'] ?? '') ?? 0) + 1);
    const ids = rows.map((row) =>
      catalogueZoneId(row['代码'] ?? '', row['序号'] ?? '', (codeCount.get(row['代码'] ?? '') ?? 0) > 1),
    );
    expect(new Set(ids).size).toBe(2543);
    for (const id of ids) expect(id).toMatch(/^zone:cn-[gs]\d{6}(?:-\d+)?$/);
    expect(ids.filter((id) => id.startsWith('zone:cn-s377018'))).toEqual([
      'zone:cn-s377018-929',
      'zone:cn-s377018-932',
    ]);
    const provinces = new Set(rows.map((row) => provinceId(row['省份'] ?? '')));
    expect(provinces.size).toBe(31);
    for (const id of provinces) expect(id).toMatch(/^region:[a-z]+$/);
  });
});
