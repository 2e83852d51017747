import fs from 'node:fs';
import { renderSchema, SCHEMA_FILE } from '../../src/tools/emit-schema';

describe('schema/schema.graphql', () => {
  test('is exactly what the code emits (run `npm run schema:emit` after changing types)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await renderSchema());
  });
});
