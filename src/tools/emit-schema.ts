import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { PROJECT_ROOT } from '../db/cypher';
import { buildAppSchema } from '../schema';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema', 'schema.graphql');

const HEADER =
  '# Emitted by `npm run schema:emit` from the type-graphql resolvers. Do not edit by hand:\n# a test fails when this file and the code disagree.\n\n';

/** The schema SDL exactly as committed: sorted, with a header. */
export async function renderSchema(): Promise<string> {
  return `${HEADER}${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}

if (require.main === module) {
  renderSchema()
    .then((sdl) => {
      fs.writeFileSync(SCHEMA_FILE, sdl);
      process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} (${sdl.split('\n').length} lines)\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
      process.exit(1);
    });
}
