/*
 * Neo4j plans a statement inside the request's transaction, so the time to plan counts against
 * the request timeout (NEO4J_TX_TIMEOUT_MS, 5 s), and a plan cancelled by the timeout is not
 * cached: a statement that takes longer than that to plan on a freshly started Neo4j fails every
 * time it is asked. A draw of suggestions with an index seek per relation type (two unions of 30
 * branches) once took 5.1-7.0 s to plan where the statement without them took 1.1-1.9 s, and
 * `partnerSuggestions` then failed on every fresh start. Planning time is not measured here (it
 * depends on the machine); the size of the plan, which it follows, is: the number of operators
 * of each of the largest read statements' plans (EXPLAIN plans without running anything) stays
 * within a budget a little above today's.
 */
import type { Driver } from 'neo4j-driver';
import { DEFAULT_FOLLOWED_TYPES } from '../../src/analytics/link-types';
import { graphParameters, suggestionParameters } from '../../src/analytics/analytics.repository';
import { CypherRegistry } from '../../src/db/cypher';
import type { QueryName } from '../../src/db/queries';
import { openTestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/env';

interface PlanNode {
  operatorType: string;
  children: PlanNode[];
}

const size = (plan: PlanNode): number => 1 + plan.children.reduce((sum, child) => sum + size(child), 0);

/**
 * [statement, parameters, operators in its plan at most]. Today (2026-12-07): 172, 80, 21, 74 and
 * 10 operators; the withdrawn suggestion draw had 772. (suggestion-links had 138 before hubs were
 * drawn by analytics/hub-draw, one small statement per relation type; measured with
 * `CYPHER replan=force EXPLAIN` on a fresh Neo4j, both plan in 1.3-1.5 s once Neo4j is warm.)
 * analytics/paths#6 (and paths-followed#6) has 119 since the search goes length by length, a hash join per length (it
 * had 10 as one ALL SHORTEST search); measured the same way on the S bench graph it plans in
 * 0.75-1.4 s, and the warm-up plans it at boot.
 */
const BUDGETS: [QueryName, Record<string, unknown>, number][] = [
  ['analytics/suggestion-links', suggestionParameters('enterprise:nobody', null, 10), 195],
  ['analytics/suggestion-hubs', { id: 'enterprise:nobody', scan: 1000, cap: 100, draws: { entity: null } }, 95],
  ['analytics/hub-draw#FINANCED_BY', { ids: ['enterprise:nobody'], kinds: ['ENTERPRISE'], cap: 100 }, 28],
  [
    'analytics/neighborhood',
    { id: 'enterprise:nobody', depth: 2, limit: 25, types: DEFAULT_FOLLOWED_TYPES, ...graphParameters() },
    90,
  ],
  ...(['analytics/paths#6', 'analytics/paths-followed#6'] as const).map(
    (name): [QueryName, Record<string, unknown>, number] => [
      name,
      {
        from: 'enterprise:nobody',
        to: 'enterprise:nobody-2',
        first: 3,
        types: DEFAULT_FOLLOWED_TYPES,
        ...graphParameters(),
      },
      130,
    ],
  ),
];

describe('the largest read statements keep plans small enough to plan well within the request timeout', () => {
  let driver: Driver;
  const registry = CypherRegistry.load();

  beforeAll(async () => {
    ({ driver } = await openTestDatabase());
  });
  afterAll(() => driver.close());

  test.each(BUDGETS)('%s', async (name, params, budget) => {
    const session = driver.session({ database: testConfig().neo4j.database });
    try {
      const result = await session.run(`EXPLAIN ${registry.get(name)}`, params);
      const plan = result.summary.plan;
      if (plan === false) throw new Error(`no plan for ${name}`);
      const operators = size(plan as unknown as PlanNode);
      expect({ name, operators: operators <= budget ? 'within budget' : operators }).toEqual({
        name,
        operators: 'within budget',
      });
    } finally {
      await session.close();
    }
  });
});
