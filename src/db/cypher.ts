import fs from 'node:fs';
import path from 'node:path';
import { QUERY_NAMES, type QueryName } from './queries';

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
  private constructor(private readonly statements: ReadonlyMap<QueryName, string>) {}

  /** Loads every declared statement and fails when any is missing. */
  static load(
    dir: string = path.join(CYPHER_DIR, 'queries'),
    names: readonly QueryName[] = QUERY_NAMES,
  ): CypherRegistry {
    const statements = new Map<QueryName, string>();
    const missing: string[] = [];
    for (const name of names) {
      const file = path.join(dir, `${name}.cypher`);
      if (!fs.existsSync(file)) {
        missing.push(name);
        continue;
      }
      const text = fs.readFileSync(file, 'utf8').trim();
      if (text === '') missing.push(name);
      else statements.set(name, text);
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
}

/** Reads the migration files in version order: `cypher/migrations/NNNN-name.cypher`. */
export function readMigrations(dir: string = path.join(CYPHER_DIR, 'migrations')): Migration[] {
  return fs
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
