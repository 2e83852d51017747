import type { QueryRunner, Row } from '../db/executor';
import { zoneMemberLinks } from '../domain/membership';
import { zoneProjectAmountParams } from '../entities/entity.repository';
import { toQuantityRecord } from '../entities/records';
import { storeMoneySum, sumMoney } from '../relations/money';
import { CELL_MAX_LENGTH } from '../search/search-cells';

/**
 * Keeps the derived properties lists are served from in step with a write, inside the write's
 * own transaction: the relation counts and list-order keys of the entities it touched, and the
 * member counts and investment totals of the zones whose members or projects it touched
 * (ingest/refresh-derived), the exact sum of those zones' project investments when the write
 * touched a project or a park (refreshZoneInvestments), and, for entities whose name (so list
 * key) changed, the page keys stored on their relations (ingest/relation-keys). Readers then
 * never aggregate over the graph.
 */
export async function refreshDerived(
  tx: QueryRunner,
  touched: Iterable<string>,
  renamed: readonly string[] = [],
): Promise<void> {
  const ids = [...new Set(touched)];
  if (renamed.length > 0) await tx.query('ingest/relation-keys', { ids: renamed });
  if (ids.length === 0) return;
  const [refreshed] = await tx.query('ingest/refresh-derived', {
    ids,
    enterpriseLinks: zoneMemberLinks('ENTERPRISE'),
    projectLinks: zoneMemberLinks('PROJECT'),
    searchCellMax: CELL_MAX_LENGTH,
  });
  await refreshZoneInvestments(tx, (refreshed?.investmentZones as string[] | undefined) ?? []);
}

/**
 * Sums the total investment of every project of each zone (the projects Zone.projects lists,
 * each once) exactly, as Zone.stats.totalProjectInvestment answers it, and keeps the sum on
 * the zone (`projectInvestmentSum`, src/relations/money.ts). The amounts are decimal strings
 * summed with decimal.js, so the sum is made here rather than in Cypher; the reading is
 * outward from the zone (read/zone-project-amounts), so it costs the zone's projects.
 */
export async function refreshZoneInvestments(tx: QueryRunner, zoneIds: readonly string[]): Promise<void> {
  if (zoneIds.length === 0) return;
  const rows = await tx.query('read/zone-project-amounts', zoneProjectAmountParams(zoneIds));
  const sums = rows.map((row) => ({
    id: String(row.id),
    sum: storeMoneySum(
      sumMoney(((row.amounts as Row[] | null) ?? []).map((p) => toQuantityRecord(p, 'totalInvestment'))),
    ),
  }));
  await tx.query('ingest/zone-investment', { rows: sums });
}
