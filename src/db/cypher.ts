import fs from 'node:fs';
import path from 'node:path';
import { ALL_QUERY_NAMES, templateOf, type QueryName } from './queries';
import { GLOBAL_TEMPLATE_LISTS } from '../domain/list-orders';

/** The project root, found from this file whether it runs from src/ (ts-jest) or dist/src/. */
export const PROJECT_ROOT = ((): string => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();

export const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher');

/** Raised at boot when a statement the code declares has no file, so a typo never reaches a request. */
export class MissingCypherError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`Missing Cypher files under cypher/queries: ${missing.map((m) => `${m}.cypher`).join(', ')}`);
    this.name = 'MissingCypherError';
  }
}

/**
 * Every named statement, read once at boot. Statements live in `cypher/queries/<area>/<name>.cypher`
 * so they can be read, reviewed and profiled as Cypher, and take values only as $parameters.
 */
export class CypherRegistry {
  /** The parameters each statement's text names ($name), found once per statement. */
  private readonly parameterNames = new Map<QueryName, ReadonlySet<string>>();

  private constructor(private readonly statements: ReadonlyMap<QueryName, string>) {}

  /** Loads every declared statement and fails when any is missing. */
  static load(
    dir: string = path.join(CYPHER_DIR, 'queries'),
    names: readonly QueryName[] = ALL_QUERY_NAMES,
  ): CypherRegistry {
    const statements = new Map<QueryName, string>();
    const missing: string[] = [];
    for (const name of names) {
      const { file: base, vars } = templateOf(name);
      const file = path.join(dir, `${base}.cypher`);
      if (!fs.existsSync(file)) {
        missing.push(base);
        continue;
      }
      const text = fs.readFileSync(file, 'utf8').trim();
      if (text === '') missing.push(base);
      else
        statements.set(
          name,
          compactStatement(renderTemplate(text, vars, GLOBAL_TEMPLATE_LISTS, base, fragmentReader(dir))),
        );
    }
    if (missing.length > 0) throw new MissingCypherError(missing);
    return new CypherRegistry(statements);
  }

  get(name: QueryName): string {
    const text = this.statements.get(name);
    // Unreachable after load() succeeded; kept so a wrongly built registry fails loudly.
    if (text === undefined) throw new MissingCypherError([name]);
    return text;
  }

  get size(): number {
    return this.statements.size;
  }

  /**
   * The parameters the statement names: what a run of it needs to send. A caller's object may
   * hold more (the null filters every list read carries, whichever statement its arguments pick);
   * the rest would cost bytes on every request and change nothing (docs/development.md).
   */
  parameters(name: QueryName): ReadonlySet<string> {
    let names = this.parameterNames.get(name);
    if (names === undefined) {
      names = parameterNamesOf(this.get(name));
      this.parameterNames.set(name, names);
    }
    return names;
  }
}

/**
 * The parameter names a statement's text holds ($name). A `$` inside a string literal may add a
 * name the statement does not use, never leave out one it does.
 */
export function parameterNamesOf(text: string): ReadonlySet<string> {
  return new Set([...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] as string));
}

/** Raised at boot when a statement template refers to a variable the code does not define. */
export class CypherTemplateError extends Error {
  constructor(file: string, problem: string) {
    super(`Cypher template ${file}.cypher: ${problem}`);
    this.name = 'CypherTemplateError';
  }
}

/** Reads `cypher/fragments/<name>.cypher`, the shared parts statements include with `//@include`. */
function fragmentReader(queriesDir: string): (name: string) => string | null {
  return (name) => {
    const file = path.join(queriesDir, '..', 'fragments', `${name}.cypher`);
    return /^[a-z0-9-]+$/.test(name) && fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null;
  };
}

/**
 * The statement as it is sent: without its comment lines, indentation and blank lines. The files
 * are written to be read (a third to a half of their bytes are comments); every request sends
 * its statement's text over Bolt, and the driver writes a message to the socket in pieces of
 * 1,400 bytes, so a long text costs the API process a system call per piece (and Neo4j as many
 * reads). Comments in cypher/ take whole lines (test/unit/cypher-registry.test.ts checks it) and
 * no string literal spans lines, so this changes no statement's meaning.
 */
export function compactStatement(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n');
}

/** Substituted values are identifiers from allowlists (or a comparison sign), never free text. */
const SAFE_VALUE = /^(?:[A-Za-z_][A-Za-z0-9_]*|[<>]|[0-9]{1,2})$/;

/**
 * Instantiates a statement template. Identifiers that cannot be parameters (a sort key property,
 * a label, a relationship type) are written `{{name}}` and come from the code's allowlists
 * (src/domain/list-orders.ts), never from a request. A block between `//@each NAME joined by SEP`
 * (or just `//@each NAME`) and `//@end` is repeated for every value of the list NAME (e.g. every
 * relationship type, so that each branch names its type and can use that type's index), the
 * copies joined by SEP. A line `//@include NAME` is replaced by `cypher/fragments/NAME.cypher`
 * (filters several statements share); `//@include {{name}}` includes the fragment the variable
 * names (its `_` read as `-`). `{{@name}}` writes the values of the list the variable names,
 * joined by `|` (a relationship type alternation: `[r:{{@types}}]`). An unknown variable, list
 * or fragment, or a value that is not an identifier, stops the boot.
 */
export function renderTemplate(
  text: string,
  vars: Readonly<Record<string, string>>,
  lists: Readonly<Record<string, readonly string[]>>,
  file = 'statement',
  include: (name: string) => string | null = () => null,
): string {
  const check = (name: string, value: string): string => {
    if (!SAFE_VALUE.test(value)) throw new CypherTemplateError(file, `value of {{${name}}} is not an identifier`);
    return value;
  };
  const substitute = (line: string, scope: Readonly<Record<string, string>>): string =>
    line.replace(/\{\{(@?)(\w+)\}\}/g, (_, joined: string, name: string) => {
      const value = scope[name];
      if (value === undefined) throw new CypherTemplateError(file, `unknown variable {{${joined}${name}}}`);
      if (joined === '') return check(name, value);
      // `{{@name}}`: the values of the list the variable names, as a type or label alternation.
      const values = lists[check(name, value)];
      if (values === undefined) throw new CypherTemplateError(file, `unknown list ${value} in {{@${name}}}`);
      return values.map((item) => check(name, item)).join('|');
    });
  // Fragments first (one level: a fragment includes nothing), so their lines are templated too.
  const lines = text.split('\n').flatMap((line) => {
    const included = /^\s*\/\/@include ([a-z0-9-]+|\{\{\w+\}\})\s*$/.exec(line);
    if (included === null) return [line];
    // A fragment named by a variable (`//@include {{filters}}`): the instance picks it.
    const name = substitute(included[1] as string, vars).replace(/_/g, '-');
    const fragment = include(name);
    if (fragment === null) throw new CypherTemplateError(file, `no fragment cypher/fragments/${name}.cypher`);
    return fragment.split('\n');
  });
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const each = /^\s*\/\/@each (\w+)(?: joined by (.+))?$/.exec(line);
    if (each === null) {
      if (/^\s*\/\/@end\s*$/.test(line)) throw new CypherTemplateError(file, '//@end without //@each');
      out.push(substitute(line, vars));
      continue;
    }
    const [, name = '', separator = ''] = each;
    const end = lines.findIndex((candidate, j) => j > i && /^\s*\/\/@end\s*$/.test(candidate));
    if (end < 0) throw new CypherTemplateError(file, `//@each ${name} has no //@end`);
    const values = lists[name];
    if (values === undefined) throw new CypherTemplateError(file, `unknown list ${name}`);
    const block = lines.slice(i + 1, end);
    out.push(
      values
        .map((value) => block.map((inner) => substitute(inner, { ...vars, [name]: check(name, value) })).join('\n'))
        .join(`\n${separator.trim()}\n`),
    );
    i = end;
  }
  return out.join('\n');
}

/** Reads the migration files in version order: `cypher/migrations/NNNN-name.cypher`. */
export function readMigrations(dir: string = path.join(CYPHER_DIR, 'migrations')): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}-[a-z0-9-]+\.cypher$/.test(file))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.cypher$/, ''),
        statements: splitStatements(text),
      };
    });
  // A version is recorded once: two files of one number would each look pending for ever.
  for (const [index, migration] of migrations.entries()) {
    const twin = migrations[index + 1];
    if (twin !== undefined && twin.version === migration.version) {
      throw new Error(`migrations ${migration.name} and ${twin.name} share version ${migration.version}: renumber one`);
    }
  }
  return migrations;
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** Splits a migration file on `;` at line ends, dropping `//` comment lines. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}
