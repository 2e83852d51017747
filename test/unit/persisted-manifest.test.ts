import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/db/cypher';
import { buildManifest } from '../../src/tools/persisted-manifest';

const SCHEMA = fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8');

describe('persisted query manifest', () => {
  test('each named operation with the fragments it uses (and only those), its id the sha256 of its text', () => {
    const text = `
      fragment Named on Entity { id name }
      fragment Other on Entity { kind }
      fragment Deeper on Zone { ...Named }
      query One { node(id: "zone:x") { ...Deeper } }
      query Two { apiVersion }
      query Three { node(id: "zone:y") { ...Other } }`;
    const manifest = buildManifest([{ file: 'a.graphql', text }], SCHEMA);
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    const [one, two] = manifest.operations;
    expect(manifest.operations.map((operation) => operation.name)).toEqual(['One', 'Two', 'Three']);
    expect(one?.body).toContain('fragment Deeper on Zone');
    expect(one?.body).toContain('fragment Named on Entity');
    expect(one?.body).not.toContain('Other');
    expect(manifest.operations[2]?.body).not.toContain('Named');
    expect(two?.body).toBe('query Two {\n  apiVersion\n}');
    for (const operation of manifest.operations) {
      expect(operation.id).toBe(createHash('sha256').update(operation.body).digest('hex'));
    }
    // The id does not depend on spacing.
    const spaced = buildManifest([{ file: 'b.graphql', text: 'query   Two{apiVersion}' }], SCHEMA);
    expect(spaced.operations[0]?.id).toBe(two?.id);
  });

  test('anonymous operations, duplicate names and operations the schema refuses are errors naming the file', () => {
    expect(() => buildManifest([{ file: 'a.graphql', text: '{ apiVersion }' }], SCHEMA)).toThrow(/a.graphql.*name/);
    expect(() =>
      buildManifest(
        [
          { file: 'a.graphql', text: 'query X { apiVersion }' },
          { file: 'b.graphql', text: 'query X { apiVersion }' },
        ],
        SCHEMA,
      ),
    ).toThrow(/b.graphql: operation X is also in a.graphql/);
    expect(() => buildManifest([{ file: 'c.graphql', text: 'query Y { noSuchField }' }], SCHEMA)).toThrow(
      /c.graphql: .*noSuchField/,
    );
  });

  test('the examples build into a manifest', () => {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'examples.graphql'), 'utf8');
    const names = [...text.matchAll(/^(?:query|mutation) (\w+)/gm)].map((match) => match[1]);
    expect(buildManifest([{ file: 'examples.graphql', text }], SCHEMA).operations.map((o) => o.name)).toEqual(names);
  });
});
