/**
 * A small RFC 4180 reader that keeps where every cell stands in the file's text, so that
 * evidence can quote a cell at its exact offsets. The catalogue needs no quoting, but a quoted
 * cell is read correctly all the same (its offsets are those of its content inside the quotes).
 */

export interface CsvCell {
  /** The cell's value, quotes removed and doubled quotes undone. */
  readonly value: string;
  /** UTF-16 offsets of the cell's raw content in the file's text (inside the quotes, if quoted). */
  readonly start: number;
  readonly end: number;
}

export interface CsvLine {
  /** 1-based line number in the file (the header is line 1). */
  readonly line: number;
  /** Offsets of the whole line, without its line break. */
  readonly start: number;
  readonly end: number;
  readonly cells: readonly CsvCell[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/**
 * Splits a CSV text into lines of cells. Line breaks are LF or CRLF; a final line break is
 * optional; blank lines are returned with no cells (the caller decides what they mean). A quoted
 * cell may not hold a line break here: every record is one line, which is what makes each row
 * one paragraph of the source text.
 */
export function parseCsv(text: string): CsvLine[] {
  const lines: CsvLine[] = [];
  let offset = 0;
  let number = 0;
  while (offset < text.length) {
    number += 1;
    const lf = text.indexOf('\n', offset);
    const lineEnd = lf < 0 ? text.length : lf;
    const end = lineEnd > offset && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    lines.push({ line: number, start: offset, end, cells: end === offset ? [] : parseLine(text, offset, end, number) });
    offset = lineEnd + 1;
  }
  return lines;
}

function parseLine(text: string, start: number, end: number, line: number): CsvCell[] {
  const cells: CsvCell[] = [];
  let at = start;
  for (;;) {
    if (text[at] === '"') {
      let value = '';
      let cursor = at + 1;
      for (;;) {
        const quote = text.indexOf('"', cursor);
        if (quote < 0 || quote >= end) throw new CsvError(line, 'a quoted cell is not closed on its line');
        value += text.slice(cursor, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          cursor = quote + 2;
          continue;
        }
        cells.push({ value, start: at + 1, end: quote });
        at = quote + 1;
        break;
      }
      if (at < end && text[at] !== ',') throw new CsvError(line, `text after a quoted cell (column ${cells.length})`);
    } else {
      const comma = text.indexOf(',', at);
      const cellEnd = comma < 0 || comma > end ? end : comma;
      const raw = text.slice(at, cellEnd);
      if (raw.includes('"')) throw new CsvError(line, `a quote inside an unquoted cell (column ${cells.length + 1})`);
      cells.push({ value: raw, start: at, end: cellEnd });
      at = cellEnd;
    }
    if (at >= end) return cells;
    at += 1; // the comma
    if (at === end) {
      cells.push({ value: '', start: end, end });
      return cells;
    }
  }
}
