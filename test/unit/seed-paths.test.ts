import fs from 'node:fs';
import path from 'node:path';
import { SEED_DIR, seedFiles, seedIssuePath } from '../../src/ingest/seed';

/** Entities per seed file, in load order, read straight from the files. */
const perFile = seedFiles().map((file) => ({
  name: path.basename(file),
  entities: ((JSON.parse(fs.readFileSync(file, 'utf8')) as { entities?: unknown[] }).entities ?? []).length,
}));

describe('seed issue paths name the file and the index inside it', () => {
  test('an index into the combined batch maps to its file', () => {
    const third = perFile.findIndex((file) => file.entities > 1 && perFile.indexOf(file) > 0);
    expect(third).toBeGreaterThan(0);
    const before = perFile.slice(0, third).reduce((sum, file) => sum + file.entities, 0);
    expect(seedIssuePath(`entities[${before + 1}].evidence[0].quote`)).toBe(
      `${perFile[third]?.name ?? ''} entities[1].evidence[0].quote`,
    );
  });

  test('paths outside the lists, and indexes past the end, are left as they are', () => {
    expect(seedIssuePath('idempotencyKey')).toBe('idempotencyKey');
    expect(seedIssuePath('entities[999999].name')).toBe('entities[999999].name');
    expect(SEED_DIR).toContain(path.join('data', 'seed'));
  });
});
