import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/db/cypher';

export const CATALOGUE_FILE = path.join(PROJECT_ROOT, 'data', 'china-zones-2018', 'catalogue.csv');

/** One row of the official 2018 zone catalogue (data/china-zones-2018/README.md). */
export interface CatalogueRow {
  readonly serial: string;
  readonly code: string;
  readonly name: string;
  readonly province: string;
  /** 国务院 (national) or 省政府 (provincial). */
  readonly level: string;
  readonly type: string;
  readonly approved: string;
  readonly areaHectares: string;
  readonly industries: string;
}

const COLUMNS = [
  '序号',
  '代码',
  '开发区名称',
  '省份',
  '城市区县',
  '批准级别',
  '开发区类型',
  '批准时间',
  '核准面积_公顷',
  '主导产业',
];

/**
 * The catalogue's 2,543 rows in file order. The file needs no CSV quoting (its README says so),
 * which is checked here: every line must have exactly the ten columns.
 */
export function readCatalogue(file: string = CATALOGUE_FILE): CatalogueRow[] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
  if (header !== COLUMNS.join(',')) throw new Error(`${file}: unexpected header ${header ?? ''}`);
  return lines.map((line, index) => {
    const cells = line.split(',');
    if (cells.length !== COLUMNS.length) throw new Error(`${file}:${index + 2}: expected ${COLUMNS.length} cells`);
    const [serial, code, name, province, , level, type, approved, areaHectares, industries] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    return { serial, code, name, province, level, type, approved, areaHectares, industries };
  });
}
