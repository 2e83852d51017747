import fs from 'node:fs';
import path from 'node:path';
import { ENTITY_KINDS, QUALITY_FLAGS, RELATION_STATUSES, WRITABLE_RELATION_TYPES } from '../../src/domain/vocabulary';
import { knownFactKeys } from '../../src/ingest/validate';
import { readSeed } from '../../src/ingest/seed';
import { parseQuantity } from '../../src/ingest/quantity';

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../schema/ingest.schema.json'), 'utf8')) as {
  $defs: Record<string, { properties?: Record<string, { enum?: string[] }>; items?: { enum?: string[] } }>;
};

describe('vocabularies stay in step', () => {
  test('the JSON Schema enums equal the TypeScript allowlists', () => {
    expect(schema.$defs.entity?.properties?.kind?.enum).toEqual(ENTITY_KINDS.filter((k) => k !== 'SOURCE'));
    expect(schema.$defs.relation?.properties?.type?.enum).toEqual([...WRITABLE_RELATION_TYPES]);
    expect(schema.$defs.relation?.properties?.status?.enum).toEqual([...RELATION_STATUSES]);
    expect(schema.$defs.qualityFlags?.items?.enum).toEqual([...QUALITY_FLAGS]);
  });

  test('every seed fact whose key is a quantity parses, and every key used is in the vocabulary', () => {
    const keys = knownFactKeys();
    for (const entity of readSeed().entities ?? []) {
      for (const fact of entity.facts ?? []) {
        const info = keys.get(fact.key);
        expect(info).toBeDefined();
        if (info?.quantity) expect(() => parseQuantity(fact.value)).not.toThrow();
      }
    }
  });
});
