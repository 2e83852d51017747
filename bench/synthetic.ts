import type { EntityInput, IngestBatch, RelationInput, SourceInput } from '../src/ingest/types';

/** A batch whose three arrays are always present. */
export interface FullBatch extends IngestBatch {
  sources: SourceInput[];
  entities: EntityInput[];
  relations: RelationInput[];
}

/**
 * A synthetic article about `entities` firms, written with offsets and paragraphs as the seed
 * has them: one source whose every line is the evidence of one entity (and of its headcount
 * fact) or of one partnership between neighbouring firms. Every id contains `prefix`, so a
 * test can find and delete exactly what it wrote. Every evidence span is distinct, so the
 * evidence count is 2 × entities + relations.
 */
export function syntheticBatch(prefix: string, counts: { entities: number; relations: number }): FullBatch {
  const sourceId = `source:${prefix}`;
  const firm = (i: number): string => `测试企业${prefix}第${i}号`;
  const lines: string[] = [];
  let offset = 0;
  const span = (line: string, quote: string, paragraph: number, lineStart: number) => {
    const start = lineStart + line.indexOf(quote);
    return { source: sourceId, paragraph, start, end: start + quote.length, quote };
  };
  const entities: EntityInput[] = [];
  for (let i = 0; i < counts.entities; i += 1) {
    const line = `${firm(i)}位于测试园区，员工${i + 1}人。`;
    const paragraph = lines.length;
    entities.push({
      id: `enterprise:${prefix}-${i}`,
      kind: 'ENTERPRISE',
      subtype: 'COMPANY',
      name: firm(i),
      englishName: null,
      aliases: [],
      industries: [],
      evidence: [span(line, `${firm(i)}位于测试园区`, paragraph, offset)],
      facts: [{ key: 'employment', value: `${i + 1}人`, evidence: [span(line, `员工${i + 1}人`, paragraph, offset)] }],
      qualityFlags: [],
    });
    lines.push(line);
    offset += line.length + 1;
  }
  const relations: RelationInput[] = [];
  for (let i = 0; i < counts.relations; i += 1) {
    const a = i % counts.entities;
    const b = (i + 1) % counts.entities;
    const line = `${firm(a)}与${firm(b)}开展合作。`;
    relations.push({
      type: 'PARTNERED_WITH',
      from: `enterprise:${prefix}-${a}`,
      to: `enterprise:${prefix}-${b}`,
      key: `k${i}`,
      role: 'synthetic partnership',
      evidence: [span(line, line.slice(0, -1), lines.length, offset)],
      qualityFlags: [],
    });
    lines.push(line);
    offset += line.length + 1;
  }
  const source: SourceInput = {
    id: sourceId,
    title: `合成测试稿件${prefix}`,
    section: null,
    publisher: 'zonegraph tests',
    byline: null,
    kind: 'ARTICLE',
    text: lines.join('\n'),
    qualityFlags: [],
  };
  return { sources: [source], entities, relations };
}
