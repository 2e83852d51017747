import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CypherRegistry,
  CypherTemplateError,
  MissingCypherError,
  readMigrations,
  renderTemplate,
  splitStatements,
} from '../../src/db/cypher';
import { ALL_QUERY_NAMES, type QueryName } from '../../src/db/queries';
import { RELATION_TYPES } from '../../src/domain/vocabulary';

describe('CypherRegistry', () => {
  test('loads every declared statement from cypher/queries', () => {
    const registry = CypherRegistry.load();
    expect(registry.size).toBe(ALL_QUERY_NAMES.length);
    for (const name of ALL_QUERY_NAMES) expect(registry.get(name)).not.toHaveLength(0);
    // No template marker is left in any instantiated statement.
    for (const name of ALL_QUERY_NAMES)
      expect({ name, text: registry.get(name) }).not.toEqual({ name, text: expect.stringMatching(/\{\{|\/\/@/) });
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

  test('templates substitute allowlisted identifiers, repeat blocks per list value and include fragments', () => {
    const text = [
      'MATCH (n:{{label}})',
      '//@include filters',
      '//@each type joined by UNION ALL',
      'MATCH ()-[r:{{type}}]->() RETURN r',
      '//@end',
    ].join('\n');
    const rendered = renderTemplate(text, { label: 'Zone' }, { type: ['HOSTS', 'DEVELOPS'] }, 't', (name) =>
      name === 'filters' ? 'WHERE n.kind = {{label}}' : null,
    );
    expect(rendered).toBe(
      [
        'MATCH (n:Zone)',
        'WHERE n.kind = Zone',
        'MATCH ()-[r:HOSTS]->() RETURN r',
        'UNION ALL',
        'MATCH ()-[r:DEVELOPS]->() RETURN r',
      ].join('\n'),
    );
  });

  test.each([
    ['an unknown variable', 'MATCH (n:{{nope}})', {}],
    ['a value that is not an identifier', 'MATCH (n:{{label}})', { label: 'Zone) DETACH DELETE (n' }],
    ['an unknown fragment', '//@include nope', {}],
    ['an unclosed block', '//@each type\nRETURN 1', {}],
  ])('a template with %s stops the boot', (_name, text, vars) => {
    expect(() => renderTemplate(text, vars, { type: ['HOSTS'] }, 't', () => null)).toThrow(CypherTemplateError);
  });

  test('migration 0007 indexes the page keys of every relation type, from either end', () => {
    const migration = readMigrations().find((m) => m.version === 7);
    const text = migration?.statements.join('\n') ?? '';
    for (const type of RELATION_TYPES) {
      expect(text).toContain(`FOR ()-[r:${type}]-() ON (r.fromId, r.toKey)`);
      expect(text).toContain(`FOR ()-[r:${type}]-() ON (r.toId, r.fromKey)`);
    }
  });
});
