import type { QueryRunner } from '../db/executor';
import { zoneMemberLinks } from '../domain/membership';

/**
 * Keeps the derived properties lists are served from in step with a write, inside the write's
 * own transaction: the relation counts and list-order keys of the entities it touched, and the
 * member counts and investment totals of the zones whose members or projects it touched
 * (ingest/refresh-derived), and, for entities whose name (so list key) changed, the page keys
 * stored on their relations (ingest/relation-keys). Readers then never aggregate over the graph.
 */
export async function refreshDerived(
  tx: QueryRunner,
  touched: Iterable<string>,
  renamed: readonly string[] = [],
): Promise<void> {
  const ids = [...new Set(touched)];
  if (renamed.length > 0) await tx.query('ingest/relation-keys', { ids: renamed });
  if (ids.length === 0) return;
  await tx.query('ingest/refresh-derived', {
    ids,
    enterpriseLinks: zoneMemberLinks('ENTERPRISE'),
    projectLinks: zoneMemberLinks('PROJECT'),
  });
}
