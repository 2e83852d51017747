import { migrationsApplied } from '../db/migrations';
import { withDatabase } from './cli-runtime';

/**
 * `npm run migrate` (or `node dist/src/tools/migrate.js` in a container): applies the pending
 * migrations and exits. It is the step to run once per upgrade, before the new version's
 * replicas start (docs/operations.md, "Upgrades"); replicas would apply them too, one at a
 * time under the boot lease, but a job that finishes first keeps their start-up short.
 */
const USAGE = `usage: npm run migrate

Applies the migrations in cypher/migrations that the database has not recorded, one process at
a time (a replica or another job that is migrating is waited for), and prints what was done.`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (args.length > 0) {
  process.stderr.write(`migrate: unknown argument ${args[0] ?? ''}\n\n${USAGE}\n`);
  process.exit(2);
}

// withDatabase applies the migrations (logging each on stderr) before it calls this.
void withDatabase(async (executor) => {
  const applied = await migrationsApplied(executor);
  process.stdout.write(applied ? 'migrations: up to date\n' : 'migrations: still pending\n');
  return applied ? 0 : 1;
});
