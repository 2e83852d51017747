import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  Kind,
  parse,
  print,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { PROJECT_ROOT } from '../db/cypher';
import { sha256 } from '../http/trusted-documents';

const USAGE = `usage: npm run persisted:manifest -- [--out FILE] FILE.graphql...

Writes an Apollo persisted query manifest (the trusted documents PERSISTED_QUERIES=allow|only
serves; see docs/operations.md) of every named operation in the given files, each with the
fragments it uses, checked against schema/schema.graphql. Without files: schema/examples.graphql.
Without --out: to stdout.`;

class UsageError extends Error {}

export interface ManifestOperation {
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

export interface Manifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: ManifestOperation[];
}

/** The fragments an operation uses, directly or through other fragments, in name order. */
function fragmentsOf(
  node: OperationDefinitionNode | FragmentDefinitionNode,
  all: ReadonlyMap<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): Set<string> {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      const fragment = all.get(name);
      if (seen.has(name) || fragment === undefined) return;
      seen.add(name);
      fragmentsOf(fragment, all, seen);
    },
  });
  return seen;
}

/**
 * Each named operation of the documents as one trusted document: its text (printed, so the id
 * does not depend on spacing) with the fragments it uses, and the sha256 of that text as its id.
 * A document that does not validate against the schema, an anonymous operation or two
 * operations of one name are errors.
 */
export function buildManifest(documents: readonly { file: string; text: string }[], schemaSdl: string): Manifest {
  const schema = buildSchema(schemaSdl);
  const operations: ManifestOperation[] = [];
  const names = new Map<string, string>();
  for (const { file, text } of documents) {
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      throw new UsageError(`${file}: ${(error as Error).message}`);
    }
    const errors = validate(schema, document);
    if (errors.length > 0) throw new UsageError(`${file}: ${errors.map((e) => e.message).join('; ')}`);
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d] as const),
    );
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const name = definition.name?.value;
      if (name === undefined)
        throw new UsageError(`${file}: every operation needs a name (an anonymous one was found)`);
      const earlier = names.get(name);
      if (earlier !== undefined) throw new UsageError(`${file}: operation ${name} is also in ${earlier}`);
      names.set(name, file);
      const used = [...fragmentsOf(definition, fragments)].sort();
      const body = [definition, ...used.map((f) => fragments.get(f) as FragmentDefinitionNode)]
        .map((d) => print(d))
        .join('\n\n');
      operations.push({ id: sha256(body), name, type: definition.operation, body });
    }
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

function parseArgs(argv: readonly string[]): { out: string | null; files: string[] } {
  let out: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    if (arg === '--out') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('-')) throw new UsageError('--out needs a file');
      out = value;
      i += 1;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else files.push(arg);
  }
  return { out, files: files.length > 0 ? files : [path.join(PROJECT_ROOT, 'schema', 'examples.graphql')] };
}

if (require.main === module) {
  try {
    const { out, files } = parseArgs(process.argv.slice(2));
    const documents = files.map((file) => {
      try {
        return { file, text: fs.readFileSync(file, 'utf8') };
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    });
    const schemaSdl = fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8');
    const manifest = buildManifest(documents, schemaSdl);
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    if (out === null) process.stdout.write(text);
    else {
      fs.writeFileSync(out, text);
      process.stderr.write(`wrote ${out}: ${manifest.operations.length} operations\n`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(error.message === '' ? `${USAGE}\n` : `persisted:manifest: ${error.message}\n\n${USAGE}\n`);
    process.exit(error.message === '' ? 0 : 2);
  }
}
