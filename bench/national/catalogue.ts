import fs from 'node:fs';
import { DEFAULT_CATALOGUE_PATH } from '../../src/catalogue/import';
import { CATALOGUE_COLUMNS } from '../../src/catalogue/rows';

/** The committed catalogue, the file `npm run import:catalogue` loads. */
export const CATALOGUE_FILE = DEFAULT_CATALOGUE_PATH;

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

const COLUMNS = CATALOGUE_COLUMNS;

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
