import { allCities, cityInName, cityShortName } from '../../src/catalogue/divisions';
import { catalogueZoneId, placeSlug, provinceId, provinceShortName } from '../../src/catalogue/ids';
import { PROVINCES, provinceByName } from '../../src/catalogue/provinces';
import { readSeed } from '../../src/ingest/seed';

describe('catalogue ids (the scheme the bench generator shares)', () => {
  test('a zone is zone:cn-<code lowercased>; a code printed twice adds the serial number to both', () => {
    expect(catalogueZoneId('G141004', 14, false)).toBe('zone:cn-g141004');
    expect(catalogueZoneId('S147003', '178', false)).toBe('zone:cn-s147003');
    expect(catalogueZoneId('S377018', 929, true)).toBe('zone:cn-s377018-929');
    expect(catalogueZoneId('S377018', '932', true)).toBe('zone:cn-s377018-932');
    expect(() => catalogueZoneId('G14 1004', 1, false)).toThrow(/letters and digits/);
    expect(() => catalogueZoneId('S377018', 'x', true)).toThrow(/serial/);
  });

  test('provinces: pinyin of the name without 省, 市 or 自治区 (and the people of an autonomous region)', () => {
    expect(provinceId('山西省')).toBe('region:shanxi');
    expect(provinceId('陕西省')).toBe('region:shaanxi');
    expect(provinceId('内蒙古自治区')).toBe('region:neimenggu');
    expect(provinceId('广西壮族自治区')).toBe('region:guangxi');
    expect(provinceId('宁夏回族自治区')).toBe('region:ningxia');
    expect(provinceId('新疆维吾尔自治区')).toBe('region:xinjiang');
    expect(provinceId('西藏自治区')).toBe('region:xizang');
    expect(provinceId('北京市')).toBe('region:beijing');
    expect(provinceId('重庆市')).toBe('region:chongqing');
    expect(provinceShortName('黑龙江省')).toBe('黑龙江');
  });

  test('the 31 provinces have 31 distinct ids, and their GB/T 2260 codes are the ones the catalogue codes carry', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(new Set(PROVINCES.map((p) => p.id)).size).toBe(31);
    expect(provinceByName('山西省')?.code).toBe('14');
    expect(provinceByName('山东省')?.code).toBe('37');
    expect(provinceByName('山西')).toBeUndefined();
  });

  test("山西省 is the seed's region:shanxi, and the seed's cities get the ids the seed gave them", () => {
    const seedRegions = new Map(
      (readSeed().entities ?? []).filter((e) => e.kind === 'REGION').map((e) => [e.id, e.name]),
    );
    expect(seedRegions.get(provinceId('山西省'))).toBe('山西省');
    const byName = new Map(allCities().map((city) => [city.name, city.id]));
    expect(byName.get('长治市')).toBe('region:changzhi');
    expect(byName.get('忻州市')).toBe('region:xinzhou');
    expect(byName.get('太原市')).toBe('region:taiyuan');
    for (const id of ['region:changzhi', 'region:xinzhou', 'region:taiyuan']) expect(seedRegions.has(id)).toBe(true);
  });

  test('city ids are distinct, never a province id, and a slug two places share is qualified by province', () => {
    const ids = allCities().map((city) => city.id);
    expect(new Set(ids).size).toBe(ids.length);
    const provinceIds = new Set(PROVINCES.map((p) => p.id));
    expect(ids.filter((id) => provinceIds.has(id))).toEqual([]);
    const byName = new Map(allCities().map((city) => [city.name, city.id]));
    expect(byName.get('吉林市')).toBe('region:jilin-jilin');
    expect(byName.get('福州市')).toBe('region:fujian-fuzhou');
    expect(byName.get('抚州市')).toBe('region:jiangxi-fuzhou');
    expect(byName.get('喀什地区')).toBe('region:kashi');
    expect(placeSlug('昌都')).toBe('changdu');
  });

  test('city short names drop 市, 地区, 盟 and an autonomous prefecture with its peoples', () => {
    expect(cityShortName('阳泉市')).toBe('阳泉');
    expect(cityShortName('延边朝鲜族自治州')).toBe('延边');
    expect(cityShortName('黔东南苗族侗族自治州')).toBe('黔东南');
    expect(cityShortName('克孜勒苏柯尔克孜自治州')).toBe('克孜勒苏');
    expect(cityShortName('大理白族自治州')).toBe('大理');
    expect(cityShortName('阿拉善盟')).toBe('阿拉善');
    expect(cityShortName('大兴安岭地区')).toBe('大兴安岭');
    expect(allCities().some((city) => /市辖区|直辖/.test(city.name))).toBe(false);
  });

  test('a zone is placed in a city only where its name states one, after its province', () => {
    const shanxi = provinceByName('山西省');
    const jilin = provinceByName('吉林省');
    const hebei = provinceByName('河北省');
    if (!shanxi || !jilin || !hebei) throw new Error('provinces missing');
    expect(cityInName('山西阳泉经济开发区', shanxi)).toMatchObject({ city: { name: '阳泉市' }, start: 2, end: 4 });
    expect(cityInName('太原武宿综合保税区', shanxi)).toMatchObject({ city: { name: '太原市' }, start: 0, end: 2 });
    expect(cityInName('吉林经济技术开发区', jilin)).toMatchObject({ city: { name: '吉林市' }, start: 0 });
    // A county (清徐) or a county of another city (平山) is not a city: no place is guessed.
    expect(cityInName('山西清徐经济开发区', shanxi)).toBeNull();
    expect(cityInName('河北平山西柏坡经济开发区', hebei)).toBeNull();
    // Cities of another province do not count.
    expect(cityInName('石家庄经济开发区', shanxi)).toBeNull();
  });
});
