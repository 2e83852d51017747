/**
 * Ids of the zones and provinces of the official 2018 zone catalogue
 * (data/china-zones-2018/catalogue.csv). The catalogue importer and the national bench
 * generator both use these, so a synthetic national graph and the real catalogue name the same
 * zone and the same province with the same id, and one can replace the other.
 */

/**
 * The pinyin slug of each province-level unit, by its name without the 省 / 市 / 自治区
 * suffix. A table rather than a pinyin library: 陕西 (shaanxi) and 山西 (shanxi) share their
 * toneless pinyin, and 重庆 must not be read zhongqing.
 */
const PROVINCE_SLUGS: Readonly<Record<string, string>> = {
  北京: 'beijing',
  天津: 'tianjin',
  河北: 'hebei',
  山西: 'shanxi',
  内蒙古: 'neimenggu',
  辽宁: 'liaoning',
  吉林: 'jilin',
  黑龙江: 'heilongjiang',
  上海: 'shanghai',
  江苏: 'jiangsu',
  浙江: 'zhejiang',
  安徽: 'anhui',
  福建: 'fujian',
  江西: 'jiangxi',
  山东: 'shandong',
  河南: 'henan',
  湖北: 'hubei',
  湖南: 'hunan',
  广东: 'guangdong',
  广西: 'guangxi',
  海南: 'hainan',
  重庆: 'chongqing',
  四川: 'sichuan',
  贵州: 'guizhou',
  云南: 'yunnan',
  西藏: 'xizang',
  陕西: 'shaanxi',
  甘肃: 'gansu',
  青海: 'qinghai',
  宁夏: 'ningxia',
  新疆: 'xinjiang',
};

/** 省, 市, 自治区 and the people named before 自治区 (广西壮族自治区 → 广西). */
const PROVINCE_SUFFIX = /(?:省|市|(?:壮族|回族|维吾尔)?自治区)$/;

/** A province's name without its suffix: 山西省 → 山西, 内蒙古自治区 → 内蒙古. */
export function provinceShortName(name: string): string {
  return name.trim().replace(PROVINCE_SUFFIX, '');
}

/**
 * `region:<slug>` of a province-level unit named as the catalogue's 省份 column names it
 * (山西省 → `region:shanxi`, 陕西省 → `region:shaanxi`, 内蒙古自治区 → `region:neimenggu`); the
 * short name (山西) gives the same id. Throws for a name that is not one of the 31.
 */
export function provinceId(name: string): string {
  const slug = PROVINCE_SLUGS[provinceShortName(name)];
  if (slug === undefined) throw new Error(`not a province-level unit of the catalogue: "${name}"`);
  return `region:${slug}`;
}

/**
 * `zone:cn-<代码 lowercased>` of a catalogue row (G141004 → `zone:cn-g141004`). A code that two
 * rows share (S377018) gives each row its 序号 as well (`zone:cn-s377018-929`), so both stay.
 */
export function catalogueZoneId(code: string, serial: string | number, duplicated: boolean): string {
  const slug = code.trim().toLowerCase();
  if (!/^[a-z][0-9a-z]+$/.test(slug)) throw new Error(`not a catalogue code: "${code}"`);
  if (!duplicated) return `zone:cn-${slug}`;
  const number = String(serial).trim();
  if (!/^\d+$/.test(number)) throw new Error(`not a catalogue serial number: "${String(serial)}"`);
  return `zone:cn-${slug}-${number}`;
}
