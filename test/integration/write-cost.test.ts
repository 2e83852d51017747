/*
 * The write path and the loaders touch what they need, not the whole graph. On a graph of
 * thousands of entities, name claims, facts and evidence, real operations run through an
 * executor whose driver records every statement with the parameters the code sent: ingests (a
 * new batch, the same batch re-applied, one restoring merge records), the startup check,
 * every field of every node type and every root field through GraphQL, and the mutations.
 * Each recorded statement is EXPLAINed inside its own transaction just before it runs, and
 * each read and ingest statement is PROFILEd afterwards with the same parameters in a
 * transaction that is rolled back. A statement fails here if its plan has any scan operator
 * (label, index, contains, ends-with, union/intersection of labels, all-nodes, and every
 * relationship scan, directed or not) or if it costs more than a few database hits per row.
 *
 * The table is the registry: every statement under read/, ingest/ or mutations/ in
 * src/db/queries.ts must be recorded by those operations or be listed in EXEMPT with a reason,
 * so a new or renamed statement is covered or the test says what is missing. A template
 * (read/list-page#NAME_ASC, read/relation-type-page#HOSTS ...) counts as one statement: it is
 * covered when at least one instance runs, and every instance that runs is checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  buildSchema,
  getNamedType,
  isCompositeType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import type { Driver, ManagedTransaction, Session, SessionConfig } from 'neo4j-driver';
import { createApp, type App } from '../../src/app';
import { CypherRegistry, PROJECT_ROOT } from '../../src/db/cypher';
import { Executor, type Params } from '../../src/db/executor';
import { ALL_QUERY_NAMES, type QueryName } from '../../src/db/queries';
import { createLoaders } from '../../src/entities/loaders';
import { relationId } from '../../src/ingest/plan';
import { seedIfEmpty } from '../../src/ingest/seed';
import type { IngestBatch } from '../../src/ingest/types';
import { ingestBatch } from '../../src/ingest/writer';
import { deleteRelation, mergeEntities, writeBatch } from '../../src/mutations/write-service';
import { cypher } from '../helpers/db';
import { testConfig } from '../helpers/env';
import { syntheticBatch } from '../helpers/ingest-fixtures';
import { removeRun, runToken } from '../helpers/isolation';

const STARTED = new Date();
const RUN = runToken('wcost');
const ENTITIES = 1500;
/** Far below ENTITIES: an index seek costs a handful of hits per row, a scan thousands. */
const MAX_DB_HITS_PER_ROW = 200;
/**
 * Any operator that reads a whole label, index or relationship type rather than seeking:
 * AllNodesScan, NodeByLabelScan, Union/Intersection/SubtractionNodeByLabelsScan, NodeIndexScan,
 * NodeIndexContainsScan, NodeIndexEndsWithScan, Directed/UndirectedAllRelationshipsScan,
 * Directed/UndirectedRelationshipTypeScan, Directed/UndirectedUnionRelationshipTypesScan,
 * Directed/UndirectedRelationshipIndex(Contains|EndsWith)Scan, and their Partitioned forms.
 * Every one of them has "Scan" in its name, and no seek or expand does.
 */
const SCAN = /Scan/;

/** Statements this test holds to "no scan, a few hits per row". */
const IN_SCOPE = /^(read|ingest|mutations)\//;

/** Statements that read more than what they return by design; each says why. */
const EXEMPT: Record<string, string> = {
  'read/list-count':
    'a filtered totalCount with no zone or region to anchor it counts the matches among every entity of the kind ' +
    '(docs/api.md says so); anchored counts are read/list-zone-count and read/list-region-count',
  'read/search-han':
    'a Chinese search ranks up to 1,000 forms of its third tier to answer a page, as read/search ranks every form ' +
    'it finds; past that it answers no tail and the walk reads the tier (plans checked scan-free and reads counted in ' +
    'search-cells.test.ts)',
  'read/search-cells':
    'one range of the walk over the search cells reads the forms of its cells (up to the cap, or one score whole) to ' +
    'rank a page; it runs only past 1,000 forms (plans checked scan-free and reads counted in search-cells.test.ts)',
  'read/kind-count':
    'an unfiltered list reads its count in its page statement (read/list-page with $withCount, profiled with it in ' +
    'read-plans.test.ts); this one serves only a totalCount the list resolver did not see in the selection, and the warm-up',
};

/**
 * Statements whose effect is gone once they ran (the relation deleted, the entity merged away,
 * the ledger key taken): they are checked by their EXPLAIN plan only, recorded in their own
 * transaction just before they ran. Every other statement is also PROFILEd afterwards.
 */
const NOT_REPLAYABLE = /^mutations\/(relation-delete|record-deletion|merge-read|merge-move-relations|merge-apply)$/;
/** Replayed with a fresh key: the recorded one is in the ledger now. */
const FRESH_KEY: Partial<Record<QueryName, (params: Params) => Params>> = {
  'ingest/ledger-record': (params) => ({ ...params, key: `${RUN}-profile` }),
};

interface PlanNode {
  operatorType: string;
  dbHits?: number;
  children: PlanNode[];
}

interface Recorded {
  name: QueryName;
  params: Params;
  explained: string[];
}

function operators(plan: PlanNode): string[] {
  return [plan.operatorType.split('@')[0] ?? '', ...plan.children.flatMap(operators)];
}

function totalDbHits(plan: PlanNode): number {
  return (plan.dbHits ?? 0) + plan.children.reduce((sum, child) => sum + totalDbHits(child), 0);
}

/** The statement a name stands for: its file, the template of an instance such as read/list-page#NAME_ASC. */
function statementOf(name: QueryName): string {
  return name.split('#')[0] ?? name;
}

/**
 * The rows a statement works on: its longest list parameter (or returned list), or 1. A
 * statement is allowed a few hits for each row it is given or returns (reading the properties
 * of 9 entities a source mentions costs about 200), never one per node of the graph.
 */
function rowsOf(params: Params): number {
  return Math.max(1, ...Object.values(params).map((value) => (Array.isArray(value) ? value.length : 1)));
}

/**
 * The real driver, observed: every statement run in a managed transaction or as an auto-commit
 * read is recorded by name with its parameters and EXPLAINed first, in that same transaction or
 * session (EXPLAIN plans without executing, so it changes nothing). Nothing is mocked: every
 * statement still runs on Neo4j.
 */
function recordingDriver(driver: Driver, registry: CypherRegistry, recorded: Recorded[]): Driver {
  const names = new Map([...ALL_QUERY_NAMES].reverse().map((name) => [registry.get(name), name] as const));
  const recordingRun =
    (target: { run: ManagedTransaction['run'] }) =>
    async (text: string, params: Params = {}, ...rest: unknown[]) => {
      const name = names.get(text);
      if (name !== undefined && IN_SCOPE.test(name)) {
        const explained = await target.run(`EXPLAIN ${text}`, params);
        const plan = explained.summary.plan;
        if (plan === false) throw new Error(`no plan for ${name}`);
        recorded.push({ name, params, explained: operators(plan as unknown as PlanNode) });
      }
      return (target.run as (...args: unknown[]) => unknown)(text, params, ...rest);
    };
  const wrapTx = (tx: ManagedTransaction): ManagedTransaction =>
    new Proxy(tx, {
      get(target, property) {
        if (property !== 'run') return Reflect.get(target, property, target) as unknown;
        return recordingRun(target);
      },
    });
  const wrapSession = (session: Session): Session =>
    new Proxy(session, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (property === 'run') return recordingRun({ run: (value as Session['run']).bind(target) });
        if (property !== 'executeRead' && property !== 'executeWrite') {
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        }
        return (work: (tx: ManagedTransaction) => Promise<unknown>, config?: unknown) =>
          (value as (w: typeof work, c?: unknown) => Promise<unknown>).call(target, (tx) => work(wrapTx(tx)), config);
      },
    });
  return new Proxy(driver, {
    get(target, property) {
      if (property === 'session') return (config?: SessionConfig) => wrapSession(target.session(config));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A small graph around one zone: a region, a park, firms, a project, a bank, facts and money. */
function neighbourhood(): IngestBatch {
  const source = `source:${RUN}-zone`;
  const id = (kind: string, slug: string): string => `${kind}:${RUN}-${slug}`;
  const lines = {
    region: `甲${RUN}县位于山西。`,
    zone: `乙${RUN}开发区位于甲${RUN}县，规划面积8.05平方公里。`,
    park: `丙${RUN}园区是乙${RUN}开发区的一部分。`,
    firm: `乙${RUN}开发区引进丁${RUN}公司。`,
    parkFirm: `丙${RUN}园区入驻戊${RUN}公司。`,
    project: `乙${RUN}开发区建设己${RUN}项目，总投资1.07亿元。`,
    loan: `庚${RUN}银行向己${RUN}项目贷款4033万元。`,
    partner: `丁${RUN}公司与庚${RUN}银行合作。`,
    twins: `辛${RUN}公司又称壬${RUN}公司。`,
  };
  const text = Object.values(lines).join('\n');
  const ev = (quote: string) => [{ source, quote }];
  const entity = (kind: string, slug: string, name: string, quote: string, extra: Record<string, unknown> = {}) => ({
    id: id(kind.toLowerCase(), slug),
    kind,
    name,
    evidence: ev(quote),
    ...extra,
  });
  return {
    sources: [{ id: source, kind: 'ARTICLE', publisher: 'test', title: `题${RUN}`, text }],
    entities: [
      entity('REGION', 'r', `甲${RUN}县`, lines.region),
      entity('ZONE', 'z', `乙${RUN}开发区`, lines.zone, {
        facts: [{ key: 'plannedArea', value: '8.05平方公里', evidence: ev('规划面积8.05平方公里') }],
      }),
      entity('PARK', 'p', `丙${RUN}园区`, lines.park),
      entity('ENTERPRISE', 'e', `丁${RUN}公司`, lines.firm),
      entity('ENTERPRISE', 'pe', `戊${RUN}公司`, lines.parkFirm),
      entity('PROJECT', 'j', `己${RUN}项目`, lines.project, {
        facts: [{ key: 'totalInvestment', value: '1.07亿元', evidence: ev('总投资1.07亿元') }],
      }),
      entity('BANK', 'b', `庚${RUN}银行`, lines.loan),
      entity('ENTERPRISE', 'm1', `辛${RUN}公司`, lines.twins),
      entity('ENTERPRISE', 'm2', `壬${RUN}公司`, lines.twins),
    ] as IngestBatch['entities'],
    relations: [
      { type: 'LOCATED_IN', from: id('zone', 'z'), to: id('region', 'r'), evidence: ev(lines.zone) },
      { type: 'PART_OF', from: id('park', 'p'), to: id('zone', 'z'), evidence: ev(lines.park) },
      { type: 'HOSTS', from: id('zone', 'z'), to: id('enterprise', 'e'), evidence: ev(lines.firm) },
      { type: 'HOSTS', from: id('park', 'p'), to: id('enterprise', 'pe'), evidence: ev(lines.parkFirm) },
      { type: 'DEVELOPS', from: id('zone', 'z'), to: id('project', 'j'), evidence: ev(lines.project) },
      {
        type: 'FINANCED_BY',
        from: id('project', 'j'),
        to: id('bank', 'b'),
        amount: '4033万元',
        evidence: ev(lines.loan),
      },
      { type: 'PARTNERED_WITH', from: id('enterprise', 'e'), to: id('bank', 'b'), evidence: ev(lines.partner) },
      { type: 'PARTNERED_WITH', from: id('enterprise', 'm2'), to: id('bank', 'b'), evidence: ev(lines.twins) },
    ] as IngestBatch['relations'],
  };
}

/**
 * One query that asks every field of every object type implementing Node, with its default
 * arguments (a field whose arguments cannot all be left out is skipped), read from the
 * committed schema (drift-checked against the code), so a new field is exercised as it comes.
 */
function everyNodeField(): string {
  const schema = buildSchema(fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8'));
  const nodeTypes = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType =>
      isObjectType(type) && !type.name.startsWith('__') && type.getInterfaces().some((i) => i.name === 'Node'),
  );
  // Aliased by type: two types may have a field of one name and different types (key: String
  // on Relation, String! on Fact), which one selection set may not merge.
  const fragments = nodeTypes.map((type) => `... on ${type.name} { ${selection(type, `${type.name}_`)} }`);
  return `query ($id: ID!) { node(id: $id) { __typename ${fragments.join(' ')} } }`;
}

function selection(type: GraphQLObjectType, alias: string): string {
  return Object.values(type.getFields())
    .filter(optionalArgs)
    .map((field) => `${alias}${field.name}: ${field.name}${subselection(field)}`)
    .join(' ');
}

/** A composite field asks its __typename, and a connection its totalCount too (computed only when asked). */
function subselection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isCompositeType(type)) return '';
  return isObjectType(type) && type.getFields().totalCount !== undefined
    ? ' { __typename totalCount }'
    : ' { __typename }';
}

function optionalArgs(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);
}

/** Every root field: those with required arguments get them here, and a new one fails loudly. */
function everyRootField(ids: { zone: string; firm: string; name: string }): string {
  const schema = buildSchema(fs.readFileSync(path.join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8'));
  const required: Record<string, string> = {
    node: `(id: "${ids.zone}")`,
    search: `(query: "${ids.name}")`,
    entities: '(kind: ZONE)',
    neighborhood: `(id: "${ids.zone}")`,
    paths: `(from: "${ids.firm}", to: "${ids.zone}")`,
    partnerSuggestions: `(for: "${ids.firm}")`,
  };
  const fields = Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => {
    const args = optionalArgs(field) ? '' : required[field.name];
    if (args === undefined) throw new Error(`Query.${field.name} has required arguments: add them to write-cost`);
    return `${field.name}${args}${subselection(field)}`;
  });
  return `{ ${fields.join(' ')} }`;
}

describe('the write path and the loaders touch what they need, not the whole graph', () => {
  let app: App;
  let driver: Driver;
  const registry = CypherRegistry.load();
  const recorded: Recorded[] = [];
  const profiles = new Map<
    string,
    { hits: number; rows: number; operators: string[]; params: Params; name: QueryName }[]
  >();
  const scope = [...new Set(ALL_QUERY_NAMES.map(statementOf))].filter((name) => IN_SCOPE.test(name));

  beforeAll(async () => {
    // Limits are not under test here: one query asks every field of every node type (aliased).
    const limits = { MAX_ALIASES: '1000', MAX_QUERY_COST: '10000000', NEO4J_TX_TIMEOUT_MS: '60000' };
    app = await createApp(testConfig(limits), { log: () => undefined });
    driver = app.driver;
    // The background: thousands of entities, claims, facts and evidence, written unobserved.
    const background = { ...syntheticBatch(RUN, { entities: ENTITIES, relations: 10 }), idempotencyKey: `${RUN}-bg` };
    expect((await ingestBatch(app.executor, background, { origin: 'test', batchSize: 1000 })).issues).toEqual([]);
    const [claims] = await cypher(driver, 'MATCH (c:NameClaim) RETURN count(c) AS n');
    expect(Number(claims?.n)).toBeGreaterThanOrEqual(ENTITIES);
    // The app planned its statements at start-up (src/db/warmup.ts) on an empty database. Neo4j
    // plans them again once the statistics have drifted, but not within 10 s of the last plan
    // (dbms.cypher.min_replan_interval): on a quiet machine the background is written sooner
    // than that, and the operations below would run on the plans of the empty graph. Resample
    // and drop cached plans now, as Neo4j would shortly on its own.
    await cypher(driver, 'CALL db.prepareForReplanning()');

    // The operations, observed.
    const observed = new Executor(recordingDriver(driver, registry, recorded), registry, {
      database: testConfig().neo4j.database,
      defaultTimeoutMs: 60_000,
    });
    const batch = { ...neighbourhood(), idempotencyKey: `${RUN}-zone` };
    expect((await ingestBatch(observed, batch, { origin: 'test' })).issues).toEqual([]);
    expect((await ingestBatch(observed, batch, { origin: 'test', ignoreLedger: true })).status).toBe('APPLIED');
    const restored = {
      entities: [{ ...(batch.entities?.[3] as object), mergedIds: [`enterprise:${RUN}-old`] }],
    } as IngestBatch;
    expect((await writeBatch(observed, restored, 'test', [])).issues).toEqual([]);
    expect(await seedIfEmpty(observed, () => undefined)).toBeNull();
    // A rename: the relations of the renamed firm get their page keys again (ingest/relation-keys).
    const renamed = `丁${RUN}有限公司`;
    const renaming = {
      idempotencyKey: `${RUN}-rename`,
      sources: [
        { id: `source:${RUN}-rename`, kind: 'ARTICLE', publisher: 'test', title: `更${RUN}`, text: `${renamed}成立。` },
      ],
      entities: [
        {
          id: `enterprise:${RUN}-e`,
          kind: 'ENTERPRISE',
          name: renamed,
          evidence: [{ source: `source:${RUN}-rename`, quote: `${renamed}成立` }],
        },
      ],
    } as IngestBatch;
    expect((await ingestBatch(observed, renaming, { origin: 'test' })).issues).toEqual([]);

    const ask = async (query: string, variables: Record<string, unknown> = {}): Promise<void> => {
      const response = await app.apollo.executeOperation(
        { query, variables },
        {
          contextValue: {
            executor: observed,
            loaders: createLoaders(observed),
            requestId: randomUUID(),
            // An admin: every root field is asked, the admins' auditLog too.
            caller: { role: 'admin', keyName: 'write-cost' },
          },
        },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      expect(response.body.singleResult.errors).toBeUndefined();
    };
    const zone = `zone:${RUN}-z`;
    await ask(everyRootField({ zone, firm: `enterprise:${RUN}-e`, name: `乙${RUN}开发区` }));
    // Lists anchored at a zone or a region, and relations of one type, with their counts.
    await ask(
      `query ($zone: ID!, $region: ID!, $name: String!, $common: String!) {
        inZone: entities(kind: ENTERPRISE, where: { zone: $zone }) { totalCount edges { node { id } } }
        inRegion: entities(kind: ENTERPRISE, where: { region: $region }) { totalCount edges { node { id } } }
        zonesInRegion: entities(kind: ZONE, where: { region: $region }) { totalCount edges { node { id } } }
        inZoneByName: entities(kind: ENTERPRISE, where: { zone: $zone, nameContains: $name }) {
          totalCount
          edges { node { id } }
        }
        byName: entities(kind: ENTERPRISE, where: { nameContains: $common }) { totalCount edges { node { id } } }
        byLevel: zones(where: { approvalLevel: STATE_COUNCIL }) { totalCount edges { node { id } } }
        byYears: zones(orderBy: APPROVAL_DATE_ASC, where: { approvedFrom: 1990, approvedTo: 2020 }) {
          totalCount
          edges { node { id } }
        }
        hosts: node(id: $zone) { ... on Zone { relations(types: [HOSTS]) { totalCount } } }
        stats: node(id: $zone) {
          ... on Zone { stats { totalProjectInvestment { summedCount } financingByInstrument { instrument { id } } } }
        }
      }`,
      // A common term (every firm of the background has RUN in its name): the page fills at
      // once. A rare one walks the kind's index until it does (docs/api.md says so).
      { zone, region: `region:${RUN}-r`, name: `丁${RUN}`, common: RUN },
    );
    // Every node of the neighbourhood: its entities and source, relations, facts and some evidence.
    const [linked] = await cypher(
      driver,
      `CALL () { MATCH (a:Entity)-[r]->() WHERE a.id IN $ids RETURN collect(r.id) AS relations }
       CALL () { MATCH (f:Fact) WHERE f.entityId IN $ids RETURN collect(f.id) AS facts }
       CALL () { MATCH (e:Evidence {sourceId: $source}) RETURN collect(e.id)[0..3] AS evidence }
       RETURN relations + facts + evidence AS ids`,
      { ids: (batch.entities ?? []).map((entity) => entity.id), source: batch.sources?.[0]?.id },
    );
    const nodeQuery = everyNodeField();
    const nodeIds = [...(batch.entities ?? []), ...(batch.sources ?? [])].map((node) => node.id);
    for (const id of [...nodeIds, ...(linked?.ids as string[])]) await ask(nodeQuery, { id });

    const partnership = relationId('PARTNERED_WITH', `enterprise:${RUN}-e`, `bank:${RUN}-b`).id;
    expect((await deleteRelation(observed, partnership, 'test')).status).toBe('DELETED');
    expect((await mergeEntities(observed, `enterprise:${RUN}-m1`, `enterprise:${RUN}-m2`, 'same', 'test')).status).toBe(
      'MERGED',
    );

    // On a fresh database the indexes were sampled while nearly empty, and the planner would
    // cost an index seek against that; resample them and drop cached plans, as Neo4j does on
    // its own once the statistics have drifted, so the plans profiled are those a used graph gets.
    await cypher(driver, 'CALL db.prepareForReplanning()');
    for (const { name, params } of recorded) {
      if (NOT_REPLAYABLE.test(name) || EXEMPT[statementOf(name)] !== undefined) continue;
      const replay = FRESH_KEY[name]?.(params) ?? params;
      const { plan, returned } = await profile(name, replay);
      const rows = Math.max(rowsOf(replay), returned);
      const entry = { hits: totalDbHits(plan), rows, operators: operators(plan), params: replay };
      profiles.set(statementOf(name), [...(profiles.get(statementOf(name)) ?? []), { ...entry, name }]);
    }
  }, 600_000);

  afterAll(async () => {
    const left = await removeRun(driver, RUN, STARTED);
    await app.stop();
    expect(left).toBe(0);
  });

  /** The plan with its database hits, and the items the statement returned. */
  async function profile(name: QueryName, params: Params): Promise<{ plan: PlanNode; returned: number }> {
    const session = driver.session({ database: testConfig().neo4j.database });
    const tx = session.beginTransaction();
    try {
      const result = await tx.run(`PROFILE ${registry.get(name)}`, params);
      const plan = result.summary.profile;
      if (!plan) throw new Error(`no profile for ${name}`);
      return {
        plan: plan as unknown as PlanNode,
        returned: result.records.reduce((n, r) => n + rowsOf(r.toObject()), 0),
      };
    } finally {
      await tx.rollback();
      await session.close();
    }
  }

  test('the registry has statements in scope, and every exemption names one of them with a reason', () => {
    expect(scope.length).toBeGreaterThan(20);
    for (const [name, reason] of Object.entries(EXEMPT)) {
      expect(scope).toContain(name);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  test('ingest/count-entities (the startup check) counts what a count of non-sources by kind counts', async () => {
    const [fromStore] = await app.executor.read('ingest/count-entities');
    const [byKind] = await cypher(driver, "MATCH (n:Entity) WHERE n.kind <> 'SOURCE' RETURN count(n) AS entities");
    expect(fromStore?.entities).toBe(Number(byKind?.entities));
    expect(fromStore?.entities).toBeGreaterThan(ENTITIES);
  });

  test.each(scope.filter((name) => EXEMPT[name] === undefined))(
    '%s is run by the operations, never scans, and costs a few database hits per row',
    (name) => {
      const runs = recorded.filter((entry) => statementOf(entry.name) === name);
      // Not run by any operation above: exercise it there, or list it in EXEMPT with a reason.
      expect({ name, recorded: runs.length > 0 }).toEqual({ name, recorded: true });
      const measured = profiles.get(name) ?? [];
      if (!NOT_REPLAYABLE.test(name)) expect(measured.length).toBe(runs.length);
      const scans = [...runs.flatMap((run) => run.explained), ...measured.flatMap((entry) => entry.operators)].filter(
        (op) => SCAN.test(op),
      );
      const over = measured.filter((entry) => entry.hits >= MAX_DB_HITS_PER_ROW * entry.rows);
      expect({ name, scans: [...new Set(scans)], over }).toEqual({ name, scans: [], over: [] });
    },
  );
});
