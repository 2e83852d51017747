import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CypherRegistry,
  CypherTemplateError,
  MissingCypherError,
  readMigrations,
  compactStatement,
  CYPHER_DIR,
  parameterNamesOf,
  renderTemplate,
  splitStatements,
} from '../../src/db/cypher';
import { pathsStatement } from '../../src/analytics/analytics.repository';
import { DEFAULT_FOLLOWED_TYPES } from '../../src/analytics/link-types';
import { ALL_QUERY_NAMES, PATH_HOPS, type QueryName } from '../../src/db/queries';
import { ARGUMENT_BOUNDS } from '../../src/graphql/pagination';
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

  test('the parameters a statement names, each once, and none it does not', () => {
    expect([...parameterNamesOf('MATCH (n {id: $id}) WHERE n.x > $after_1 AND $id IS NOT NULL RETURN n, "$"')]).toEqual(
      ['id', 'after_1'],
    );
    const registry = CypherRegistry.load();
    expect([...registry.parameters('migrations/await-indexes')]).toEqual(['timeoutSeconds']);
    expect(registry.parameters('migrations/applied').size).toBe(0);
    // A list page names its page arguments and not the filters only the filtered reads name.
    const page = registry.parameters('read/list-page#NAME_ASC');
    expect(page.has('first')).toBe(true);
    expect(page.has('nameContains')).toBe(false);
    expect(registry.parameters('read/list-filtered#NAME_ASC').has('nameContains')).toBe(true);
  });

  test('statements are sent without their comment lines, indentation or blank lines', () => {
    const registry = CypherRegistry.load();
    const file = fs.readFileSync(path.join(CYPHER_DIR, 'queries', 'read', 'relation-page.cypher'), 'utf8');
    expect(file).toMatch(/^\/\/ /m);
    const sent = registry.get('read/relation-page');
    expect(sent.split('\n').filter((line) => line.startsWith('//') || line !== line.trim() || line === '')).toEqual([]);
    // The same code lines, in order: only what Cypher ignores is gone.
    expect(sent).toBe(
      file
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('//'))
        .join('\n'),
    );
    expect(Buffer.byteLength(sent)).toBeLessThan(0.7 * Buffer.byteLength(file));
    expect(compactStatement('  // a comment\n\n  MATCH (n)\n    RETURN n  \n')).toBe('MATCH (n)\nRETURN n');
  });

  // compactStatement relies on these two facts of every file under cypher/: a comment takes its
  // whole line, and no string literal spans lines (either would change meaning once compacted).
  test('comments in Cypher files take whole lines and no string literal spans lines', () => {
    const files = ['queries', 'fragments'].flatMap((sub) =>
      (fs.readdirSync(path.join(CYPHER_DIR, sub), { recursive: true }) as string[])
        .filter((name) => name.endsWith('.cypher'))
        .map((name) => path.join(CYPHER_DIR, sub, name)),
    );
    expect(files.length).toBeGreaterThan(50);
    const offending: string[] = [];
    for (const file of files) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (line.trim().startsWith('//')) return;
          const code = line.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
          if (code.includes('//') || /['"]/.test(code.replace(/''/g, '')))
            offending.push(`${path.relative(CYPHER_DIR, file)}:${index + 1}`);
        });
    }
    expect(offending).toEqual([]);
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
    // Each version once: two branches that both add an 0008 would each look pending for ever.
    expect(new Set(versions).size).toBe(versions.length);
  });

  test('two migration files of one version are refused, naming both', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zg-migrations-'));
    try {
      for (const name of ['0001-a.cypher', '0002-b.cypher', '0002-c.cypher'])
        fs.writeFileSync(path.join(dir, name), 'RETURN 1;\n');
      expect(() => readMigrations(dir)).toThrow('migrations 0002-b and 0002-c share version 2');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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

  test('an include may name its fragment by a variable, so one file serves two statements', () => {
    const fragments = (name: string) => ({ 'some-filters': 'WHERE n.x = 1', 'no-filters': '// none' })[name] ?? null;
    const text = 'MATCH (n)\n//@include {{filters}}\nRETURN n';
    expect(renderTemplate(text, { filters: 'some_filters' }, {}, 't', fragments)).toBe(
      'MATCH (n)\nWHERE n.x = 1\nRETURN n',
    );
    expect(renderTemplate(text, { filters: 'no_filters' }, {}, 't', fragments)).toBe('MATCH (n)\n// none\nRETURN n');
    expect(() => renderTemplate(text, { filters: 'other' }, {}, 't', fragments)).toThrow(CypherTemplateError);
    // The list page and the filtered list page are the one file with and without the filters.
    const registry = CypherRegistry.load();
    expect(registry.get('read/list-page#NAME_ASC')).not.toContain('$industry');
    expect(registry.get('read/list-filtered#NAME_ASC')).toContain('$industry IS NULL OR $industry IN n.industries');
  });

  test('the path search is bounded by the hops asked for: one statement per bound Query.paths allows, with a stage per length up to it', () => {
    const [min, max] = ARGUMENT_BOUNDS['Query.paths']?.maxHops ?? [0, 0];
    expect(PATH_HOPS.map(Number)).toEqual(Array.from({ length: max - min + 1 }, (_, index) => min + index));
    const registry = CypherRegistry.load();
    const shuffled = [...DEFAULT_FOLLOWED_TYPES].reverse();
    for (const hops of PATH_HOPS) {
      const bound = Number(hops);
      expect(pathsStatement(bound, shuffled)).toBe(`analytics/paths-followed#${hops}`);
      expect(pathsStatement(bound, ['FINANCED_BY'])).toBe(`analytics/paths#${hops}`);
      expect(pathsStatement(bound, RELATION_TYPES)).toBe(`analytics/paths#${hops}`);
      expect(pathsStatement(bound, DEFAULT_FOLLOWED_TYPES.slice(1))).toBe(`analytics/paths#${hops}`);
      for (const [name, named, test] of [
        // The followed types named in every pattern and no relation tested...
        [`analytics/paths-followed#${hops}`, DEFAULT_FOLLOWED_TYPES.join('|'), 'WHERE true OR'],
        // ...or every type named and each relation tested against $types.
        [`analytics/paths#${hops}`, RELATION_TYPES.join('|'), 'WHERE false OR'],
      ] as const) {
        const statement = registry.get(name);
        // A stage per length up to the bound, and none past it.
        for (let length = 1; length <= bound; length += 1) expect(statement).toContain(`-[r${length}:${named}]-(b)`);
        expect(statement).not.toContain(`-[r${bound + 1}:`);
        expect(statement.split(test).length - 1).toBe(bound);
      }
    }
    expect(() => pathsStatement(7, DEFAULT_FOLLOWED_TYPES)).toThrow(RangeError);
    expect(() => pathsStatement(1.5, DEFAULT_FOLLOWED_TYPES)).toThrow(RangeError);
    // `{{@name}}`: the values of the list a variable names, joined by |; nothing else.
    expect(renderTemplate('[r:{{@types}}]', { types: 'pair' }, { pair: ['A', 'B'] }, 't')).toBe('[r:A|B]');
    expect(() => renderTemplate('[r:{{@types}}]', { types: 'nope' }, { pair: ['A'] }, 't')).toThrow(
      CypherTemplateError,
    );
    expect(() => renderTemplate('[r:{{@types}}]', { types: 'bad' }, { bad: ['A]-() DETACH DELETE (x'] }, 't')).toThrow(
      CypherTemplateError,
    );
    // A number is a value a template takes; anything else with digits is not.
    expect(renderTemplate('{1,{{n}}}', { n: '4' }, {}, 't')).toBe('{1,4}');
    expect(() => renderTemplate('{1,{{n}}}', { n: '4}]-() DETACH DELETE (x' }, {}, 't')).toThrow(CypherTemplateError);
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
