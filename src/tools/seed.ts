import { loadSeed, seedIssuePath, summarise } from '../ingest/seed';
import { withDatabase } from './cli-runtime';

/**
 * `npm run seed [-- --force]`: loads data/seed through the shared write path and prints what
 * the graph holds. Without --force, chunks already recorded in the ledger are skipped.
 */
const USAGE = `usage: npm run seed [-- --force]

Loads data/seed through the shared write path and prints what the graph holds. Chunks the
ledger already holds are skipped; --force writes them again (MERGE keeps that harmless).`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const unknown = args.filter((arg) => arg !== '--force');
if (unknown.length > 0) {
  process.stderr.write(`seed: unknown argument ${unknown[0] ?? ''}\n\n${USAGE}\n`);
  process.exit(2);
}

void withDatabase(async (executor) => {
  const force = args.includes('--force');
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const result = await loadSeed(executor, { ignoreLedger: force, log });
  if (result.status === 'REJECTED') {
    for (const issue of result.issues) log(`  ${seedIssuePath(issue.path)}: ${issue.code} ${issue.message}`);
    log(`seed rejected: ${result.issues.length} issue(s); nothing was written`);
    return 1;
  }
  const { counts } = result;
  log(
    `seed ${result.status.toLowerCase().replace('_', ' ')}: ${counts.sources} sources, ${counts.entities} entities, ` +
      `${counts.facts} facts, ${counts.relations} relations, ${counts.evidence} evidence spans`,
  );
  const summary = await summarise(executor);
  process.stdout.write('nodes by kind:\n');
  for (const [kind, count] of Object.entries(summary.nodesByKind))
    process.stdout.write(`  ${kind.padEnd(20)} ${count}\n`);
  process.stdout.write('relations by type:\n');
  for (const [type, count] of Object.entries(summary.relationsByType))
    process.stdout.write(`  ${type.padEnd(20)} ${count}\n`);
  process.stdout.write(`facts: ${summary.facts}\nevidence: ${summary.evidence}\n`);
  return 0;
});
