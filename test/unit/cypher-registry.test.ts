import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CypherRegistry, MissingCypherError, readMigrations, splitStatements } from '../../src/db/cypher';
import { QUERY_NAMES, type QueryName } from '../../src/db/queries';
import { RELATION_TYPES } from '../../src/domain/vocabulary';

describe('CypherRegistry', () => {
  test('loads every declared statement from cypher/queries', () => {
    const registry = CypherRegistry.load();
    expect(registry.size).toBe(QUERY_NAMES.length);
    for (const name of QUERY_NAMES) expect(registry.get(name)).not.toHaveLength(0);
  });

  test('fails at boot, naming the file, when a declared statement has no file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cypher-'));
    fs.mkdirSync(path.join(dir, 'migrations'));
    fs.writeFileSync(path.join(dir, 'migrations', 'applied.cypher'), 'RETURN 1');
    const names: QueryName[] = ['migrations/applied', 'migrations/record'];
    expect(() => CypherRegistry.load(dir, names)).toThrow(MissingCypherError);
    expect(() => CypherRegistry.load(dir, names)).toThrow('migrations/record.cypher');
  });

  test('migration files are read in version order and split into statements', () => {
    const migrations = readMigrations();
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(splitStatements('// comment\nCREATE A;\nCREATE B;\n')).toEqual(['CREATE A', 'CREATE B']);
  });

  test.each(['read/relations-by-ids', 'mutations/relation-delete'] as const)(
    '%s spells out exactly the RelationType allowlist, so id lookups use the id indexes',
    (name) => {
      const spelled = /\[r:([A-Z_|]+) \{id:/.exec(CypherRegistry.load().get(name))?.[1]?.split('|');
      expect([...(spelled ?? [])].sort()).toEqual([...RELATION_TYPES].sort());
    },
  );
});
