import { provinceId, provinceShortName } from './ids';

/** A province-level unit (省, 自治区, 直辖市) as the catalogue's 省份 column names it. */
export interface Province {
  /** The full name, as printed: 山西省, 广西壮族自治区, 北京市. */
  readonly name: string;
  /** The name less its suffix, as zone names begin with it: 山西, 广西, 北京. */
  readonly shortName: string;
  /** The GB/T 2260 code, which is also digits 2-3 of every catalogue code (G141004: 14). */
  readonly code: string;
  readonly englishName: string;
  readonly id: string;
}

const TABLE: readonly (readonly [string, string, string])[] = [
  ['北京市', '11', 'Beijing'],
  ['天津市', '12', 'Tianjin'],
  ['河北省', '13', 'Hebei'],
  ['山西省', '14', 'Shanxi'],
  ['内蒙古自治区', '15', 'Inner Mongolia'],
  ['辽宁省', '21', 'Liaoning'],
  ['吉林省', '22', 'Jilin'],
  ['黑龙江省', '23', 'Heilongjiang'],
  ['上海市', '31', 'Shanghai'],
  ['江苏省', '32', 'Jiangsu'],
  ['浙江省', '33', 'Zhejiang'],
  ['安徽省', '34', 'Anhui'],
  ['福建省', '35', 'Fujian'],
  ['江西省', '36', 'Jiangxi'],
  ['山东省', '37', 'Shandong'],
  ['河南省', '41', 'Henan'],
  ['湖北省', '42', 'Hubei'],
  ['湖南省', '43', 'Hunan'],
  ['广东省', '44', 'Guangdong'],
  ['广西壮族自治区', '45', 'Guangxi'],
  ['海南省', '46', 'Hainan'],
  ['重庆市', '50', 'Chongqing'],
  ['四川省', '51', 'Sichuan'],
  ['贵州省', '52', 'Guizhou'],
  ['云南省', '53', 'Yunnan'],
  ['西藏自治区', '54', 'Tibet'],
  ['陕西省', '61', 'Shaanxi'],
  ['甘肃省', '62', 'Gansu'],
  ['青海省', '63', 'Qinghai'],
  ['宁夏回族自治区', '64', 'Ningxia'],
  ['新疆维吾尔自治区', '65', 'Xinjiang'],
];

/** The 31 province-level units of mainland China, in GB/T 2260 order. */
export const PROVINCES: readonly Province[] = TABLE.map(([name, code, englishName]) => ({
  name,
  shortName: provinceShortName(name),
  code,
  englishName,
  id: provinceId(name),
}));

const BY_NAME = new Map(PROVINCES.flatMap((province) => [[province.name, province] as const]));

/** The province the catalogue's 省份 column names (its full name), or undefined. */
export function provinceByName(name: string): Province | undefined {
  return BY_NAME.get(name.trim());
}
