/*
 * Concurrent editors (issue 11): 8 writers send real HTTP mutations to one app at once, each
 * with an editor key, upserting the same entities and relations, each quoting its own source
 * (a different sentence for every round), each batch under its own idempotency key. Writers
 * list the shared entities and relations in different orders, so their transactions lock the
 * same nodes in different orders and Neo4j detects deadlocks; the managed transaction retries
 * them. Afterwards:
 *
 * - every write a client was told APPLIED or ALREADY_APPLIED is in the graph: its evidence, and
 *   its ledger row under the key the answer named;
 * - no node or relation exists twice (counted by id);
 * - the final state is that of one serial order of the acknowledged writes: the write whose
 *   values each shared item holds must come after every other write of that item, each writer's
 *   writes in the order it sent them, and those constraints must have an order (no cycle);
 *   replaying the writes one at a time in that order into a fresh id space gives the same graph.
 */
import { createApp, type App } from '../../src/app';
import { relationId } from '../../src/ingest/ids';
import type { RelationTypeName } from '../../src/domain/vocabulary';
import { testConfig } from '../helpers/env';
import { cypher } from '../helpers/db';
import { postGraphQL } from '../helpers/graphql';
import { canonicalJson } from '../helpers/ingest-fixtures';
import { removeRun, runToken } from '../helpers/isolation';
import { API_KEYS, bearer, KEYS } from '../helpers/keys';

const STARTED = new Date();
const RUN = runToken('conc');
/** The replay's id space: as long as RUN (so padded keys compare), sharing none of its ids. */
const SERIAL = `serl${RUN.slice(4)}`;

const WRITERS = 8;
/** Keyed ingest rounds per writer; then a re-send of round 0, an upsertEntity and an upsertRelation. */
const ROUNDS = 3;
const PROJECTS = 3;
const INDUSTRY = 'artificial-intelligence';
const EDITOR = bearer(KEYS.editor);

const RESULT = '{ status ids idempotencyKey issues { path code message } }';
const INGEST = `mutation ($batch: IngestBatchInput!) { ingest(batch: $batch) ${RESULT} }`;
const UPSERT_ENTITY = `mutation ($input: EntityInput!) { upsertEntity(input: $input) ${RESULT} }`;
const UPSERT_RELATION = `mutation ($input: RelationInput!) { upsertRelation(input: $input) ${RESULT} }`;

const source = (w: number): string => `source:${RUN}-w${w}`;
const project = (p: number): string => `project:${RUN}-p${p}`;
const firm = (p: number): string => `enterprise:${RUN}-e${p}`;
const BANK = `bank:${RUN}-b`;
const projectName = (p: number): string => `乙${RUN}项目${p}`;
const firmName = (p: number): string => `甲${RUN}公司${p}`;
const BANK_NAME = `丙${RUN}银行`;

/** A figure unique to (writer, round, project), so a stored value names the write that sent it. */
const investment = (w: number, r: number, p: number): string => `${100 * (w + 1) + 10 * r + p}亿元`;
const loan = (w: number, r: number, p: number): string => `${100 * (w + 1) + 10 * r + p}0万元`;
const tag = (w: number, r: number, p: number): string => `〔w${w}r${r}p${p}〕`;

/** One paragraph per (round, project); every quote below occurs once in its writer's source. */
function sentence(w: number, r: number, p: number): string {
  const q = (p + 1) % PROJECTS;
  return (
    `${tag(w, r, p)}${projectName(p)}总投资${investment(w, r, p)}，${BANK_NAME}提供贷款${loan(w, r, p)}，` +
    `由${firmName(p)}承建${tag(w, r, p)}，${firmName(p)}与${firmName(q)}合作${tag(w, r, p)}。`
  );
}
function sourceText(w: number): string {
  const lines: string[] = [];
  for (let r = 0; r <= ROUNDS; r += 1) for (let p = 0; p < PROJECTS; p += 1) lines.push(sentence(w, r, p));
  return lines.join('\n');
}

const QUOTES = {
  projectMention: (w: number, r: number, p: number) => `${tag(w, r, p)}${projectName(p)}`,
  investment: (w: number, r: number, p: number) => `${projectName(p)}总投资${investment(w, r, p)}`,
  loan: (w: number, r: number, p: number) => `提供贷款${loan(w, r, p)}`,
  firmMention: (w: number, r: number, p: number) => `由${firmName(p)}承建${tag(w, r, p)}`,
  develops: (w: number, r: number, p: number) => `${firmName(p)}承建${tag(w, r, p)}`,
  partners: (w: number, r: number, p: number) => `合作${tag(w, r, p)}`,
  bankMention: (w: number, r: number, p: number) => `${BANK_NAME}提供贷款${loan(w, r, p)}`,
};

interface Evidence {
  source: string;
  quote: string;
}
const ev = (w: number, quote: string): Evidence[] => [{ source: source(w), quote }];

function projectInput(w: number, r: number, p: number): Record<string, unknown> {
  return {
    id: project(p),
    kind: 'PROJECT',
    name: projectName(p),
    evidence: ev(w, QUOTES.projectMention(w, r, p)),
    facts: [{ key: 'totalInvestment', value: investment(w, r, p), evidence: ev(w, QUOTES.investment(w, r, p)) }],
    // Odd writers leave industries out, which keeps what is stored: the even writers' value.
    ...(w % 2 === 0 ? { industries: [INDUSTRY] } : {}),
  };
}
function financedBy(w: number, r: number, p: number): Record<string, unknown> {
  return {
    type: 'FINANCED_BY',
    from: project(p),
    to: BANK,
    amount: loan(w, r, p),
    evidence: ev(w, QUOTES.loan(w, r, p)),
  };
}

/** What a write left on a shared item: a marker unique to the write (its evidence quote). */
type Touches = Map<string, string>;

interface Write {
  writer: number;
  seq: number;
  mutation: string;
  field: 'ingest' | 'upsertEntity' | 'upsertRelation';
  variables: Record<string, unknown>;
  touches: Touches;
  /** A re-send of an earlier batch: changes nothing, not replayed. */
  resend?: boolean;
}

const relKey = (type: RelationTypeName, from: string, to: string): string => relationId(type, from, to).id;
const mentionKey = (entity: string, w: number): string => `mention:${entity}:${source(w)}`;

function ingestWrite(w: number, r: number, seq: number): Write {
  const order = (list: number[]): number[] => (w % 2 === 0 ? list : [...list].reverse());
  const rotate = (list: number[]): number[] => list.map((_, i) => list[(i + w) % list.length] as number);
  const ps = order(rotate([...Array(PROJECTS).keys()]));
  const touches: Touches = new Map();
  const entities: Record<string, unknown>[] = [];
  const bankEvidence = ev(w, QUOTES.bankMention(w, r, ps[0] as number));
  entities.push({ id: BANK, kind: 'BANK', name: BANK_NAME, evidence: bankEvidence });
  touches.set(mentionKey(BANK, w), QUOTES.bankMention(w, r, ps[0] as number));
  for (const p of ps) {
    entities.push(projectInput(w, r, p));
    touches.set(project(p), investment(w, r, p));
    touches.set(mentionKey(project(p), w), QUOTES.projectMention(w, r, p));
    entities.push({ id: firm(p), kind: 'ENTERPRISE', name: firmName(p), evidence: ev(w, QUOTES.firmMention(w, r, p)) });
    touches.set(mentionKey(firm(p), w), QUOTES.firmMention(w, r, p));
  }
  // Bank first for even writers, last for odd ones: lock orders differ between writers.
  if (w % 2 === 1) entities.push(entities.shift() as Record<string, unknown>);
  const relations: Record<string, unknown>[] = [];
  for (const p of ps) {
    const q = (p + 1) % PROJECTS;
    relations.push(financedBy(w, r, p));
    touches.set(relKey('FINANCED_BY', project(p), BANK), QUOTES.loan(w, r, p));
    relations.push({ type: 'DEVELOPS', from: firm(p), to: project(p), evidence: ev(w, QUOTES.develops(w, r, p)) });
    touches.set(relKey('DEVELOPS', firm(p), project(p)), QUOTES.develops(w, r, p));
    // Symmetric: writers name the ends in either order, the id is the same.
    const [a, b] = w % 2 === 0 ? [firm(p), firm(q)] : [firm(q), firm(p)];
    relations.push({ type: 'PARTNERED_WITH', from: a, to: b, evidence: ev(w, QUOTES.partners(w, r, p)) });
    touches.set(relKey('PARTNERED_WITH', a, b), QUOTES.partners(w, r, p));
  }
  const batch = {
    idempotencyKey: `${RUN}-w${w}-r${r}`,
    sources: [{ id: source(w), publisher: `writer ${w}`, text: sourceText(w) }],
    entities,
    relations,
  };
  return { writer: w, seq, mutation: INGEST, field: 'ingest', variables: { batch }, touches };
}

/** Each writer's writes, in the order it sends them. */
function writesOf(w: number): Write[] {
  const writes: Write[] = [];
  for (let r = 0; r < ROUNDS; r += 1) writes.push(ingestWrite(w, r, writes.length));
  // A client that did not see the answer sends the first batch again, under its key.
  writes.push({ ...(writes[0] as Write), seq: writes.length, resend: true, touches: new Map() });
  const p = w % PROJECTS;
  writes.push({
    writer: w,
    seq: writes.length,
    mutation: UPSERT_ENTITY,
    field: 'upsertEntity',
    variables: { input: projectInput(w, ROUNDS, p) },
    touches: new Map([
      [project(p), investment(w, ROUNDS, p)],
      [mentionKey(project(p), w), QUOTES.projectMention(w, ROUNDS, p)],
    ]),
  });
  const q = (w + 1) % PROJECTS;
  writes.push({
    writer: w,
    seq: writes.length,
    mutation: UPSERT_RELATION,
    field: 'upsertRelation',
    variables: { input: financedBy(w, ROUNDS, q) },
    touches: new Map([[relKey('FINANCED_BY', project(q), BANK), QUOTES.loan(w, ROUNDS, q)]]),
  });
  return writes;
}

interface Answer {
  status?: string;
  idempotencyKey?: string;
  issues?: unknown[];
  errors?: unknown;
}

async function send(app: App, write: Write, from: string = RUN, to: string = RUN): Promise<Answer> {
  const variables = JSON.parse(JSON.stringify(write.variables).replaceAll(from, to)) as Record<string, unknown>;
  const { status, body } = await postGraphQL(app.url, write.mutation, variables, EDITOR);
  if (body.errors !== undefined || status !== 200) return { errors: body.errors ?? status };
  return body.data?.[write.field] as Answer;
}

/** The graph under one id space, with every id that hashes that space replaced by what it names. */
async function state(app: App, token: string): Promise<string[]> {
  const evidence = await cypher(
    app.driver,
    'MATCH (e:Evidence) WHERE e.sourceId CONTAINS $token RETURN e.id AS id, e.sourceId AS s, e.charStart AS a, e.charEnd AS b',
    { token },
  );
  const names = new Map(
    evidence.map((row) => [String(row.id), `ev(${String(row.s)},${String(row.a)},${String(row.b)})`]),
  );
  const facts = await cypher(
    app.driver,
    'MATCH (f:Fact) WHERE f.entityId CONTAINS $token RETURN f.id AS id, f.key AS k, f.value AS v',
    {
      token,
    },
  );
  for (const row of facts) names.set(String(row.id), `fact(${String(row.k)},${String(row.v)})`);
  const rows = await cypher(
    app.driver,
    `CALL () {
       MATCH (n:Entity) WHERE n.id CONTAINS $token
       OPTIONAL MATCH (n)-[:HAS_FACT]->(f:Fact)
       WITH n, collect(properties(f)) AS facts
       RETURN [labels(n), properties(n), facts] AS row
       UNION ALL
       MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id CONTAINS $token
       RETURN [type(r), a.id, b.id, properties(r)] AS row
       UNION ALL
       MATCH (c:NameClaim) WHERE c.entityId CONTAINS $token
       RETURN [c.text, c.entityId] AS row
       UNION ALL
       MATCH (e:Evidence)-[:IN_SOURCE]->(s:Source) WHERE e.sourceId CONTAINS $token
       RETURN [e.id, e.quote, e.paragraph, s.id] AS row
     }
     RETURN row`,
    { token },
  );
  const hashed = new RegExp(`(ev:[0-9a-f]{20}|fact:[0-9a-f]{20})`, 'g');
  return (
    rows
      .map((row) => {
        const json = canonicalJson(stripTimestamps(row.row));
        return json.replace(hashed, (id) => names.get(id) ?? id).replaceAll(token, 'RUN');
      })
      // Relation ids (in r.id and in the page keys) hash their ends' ids.
      .map((json) => json.replace(/rel:[a-z_]+:[0-9a-f]{20}/g, 'rel'))
      .sort()
  );
}

function stripTimestamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripTimestamps);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'createdAt' && key !== 'updatedAt')
      .map(([key, inner]) => [key, stripTimestamps(inner)]),
  );
}

describe('concurrent editors', () => {
  let app: App;
  const plans = [...Array(WRITERS).keys()].map(writesOf);
  /** Every answer, per writer and write. */
  const answers: Answer[][] = plans.map(() => []);

  beforeAll(async () => {
    app = await createApp(testConfig({ API_KEYS }), { log: () => undefined });
    // Every writer at once, each sending its writes one after the other as a client would.
    await Promise.all(
      plans.map(async (writes, w) => {
        for (const write of writes) (answers[w] as Answer[]).push(await send(app, write));
      }),
    );
  });

  afterAll(async () => {
    const left = (await removeRun(app.driver, RUN, STARTED)) + (await removeRun(app.driver, SERIAL, STARTED));
    await app.stop();
    expect(left).toBe(0);
  });

  const acknowledged = (): { write: Write; answer: Answer }[] =>
    plans
      .flatMap((writes, w) => writes.map((write, i) => ({ write, answer: answers[w]?.[i] as Answer })))
      .filter(({ answer }) => answer.status === 'APPLIED' || answer.status === 'ALREADY_APPLIED');

  test('every write is acknowledged: deadlocks and transient errors were retried, never answered', () => {
    const expected = plans.map((writes) =>
      writes.map((write) => ({ status: write.resend ? 'ALREADY_APPLIED' : 'APPLIED', issues: [] })),
    );
    const got = answers.map((list) =>
      list.map((answer) => ({ status: answer.status ?? answer.errors, issues: answer.issues })),
    );
    expect(got).toEqual(expected);
  });

  test('every acknowledged write is in the graph: its evidence and its ledger row', async () => {
    const acked = acknowledged();
    expect(acked).toHaveLength(WRITERS * (ROUNDS + 3));
    const keys = [...new Set(acked.map(({ answer }) => String(answer.idempotencyKey)))];
    const ledger = await cypher(app.driver, 'MATCH (l:IngestLedger) WHERE l.key IN $keys RETURN l.key AS key', {
      keys,
    });
    expect(ledger.map((row) => row.key).sort()).toEqual([...keys].sort());
    const quotes = acked.flatMap(({ write }) =>
      [...JSON.stringify(write.variables).matchAll(/"source":"([^"]+)","quote":"([^"]+)"/g)].map(
        ([, id, quote]) => `${String(id)}|${String(quote)}`,
      ),
    );
    expect(quotes.length).toBeGreaterThan(WRITERS * ROUNDS * 10);
    const stored = await cypher(
      app.driver,
      'MATCH (e:Evidence)-[:IN_SOURCE]->(s:Source) WHERE s.id CONTAINS $run RETURN s.id + "|" + e.quote AS key',
      { run: RUN },
    );
    const have = new Set(stored.map((row) => String(row.key)));
    expect([...new Set(quotes)].filter((quote) => !have.has(quote))).toEqual([]);
  });

  test('no node or relation exists twice', async () => {
    const duplicates = await cypher(
      app.driver,
      `CALL () {
         MATCH (n:Entity) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN 'entity ' + id AS dup
         UNION ALL
         MATCH (f:Fact) WITH f.id AS id, count(*) AS c WHERE c > 1 RETURN 'fact ' + id AS dup
         UNION ALL
         MATCH (e:Evidence) WITH e.id AS id, count(*) AS c WHERE c > 1 RETURN 'evidence ' + id AS dup
         UNION ALL
         MATCH (n:NameClaim) WITH n.text AS text, count(*) AS c WHERE c > 1 RETURN 'claim ' + text AS dup
         UNION ALL
         MATCH (l:IngestLedger) WITH l.key AS key, count(*) AS c WHERE c > 1 RETURN 'ledger ' + key AS dup
         UNION ALL
         MATCH ()-[r]->() WHERE r.id IS NOT NULL WITH r.id AS id, count(*) AS c WHERE c > 1 RETURN 'relation ' + id AS dup
       }
       RETURN dup`,
    );
    expect(duplicates).toEqual([]);
    // What exists is exactly what was written: 8 sources, 7 shared entities, 9 shared relations,
    // one mention per entity and source, one fact per project.
    const [counts] = await cypher(
      app.driver,
      `MATCH (n:Entity) WHERE n.id CONTAINS $run
       RETURN count(n) AS entities,
              COUNT { MATCH (a:Entity)-[r]->(:Entity) WHERE a.id CONTAINS $run AND NOT r:MENTIONED_IN RETURN r } AS relations,
              COUNT { MATCH (a:Entity)-[r:MENTIONED_IN]->(:Entity) WHERE a.id CONTAINS $run RETURN r } AS mentions,
              COUNT { MATCH (f:Fact) WHERE f.entityId CONTAINS $run RETURN f } AS facts,
              COUNT { MATCH (c:NameClaim) WHERE c.entityId CONTAINS $run RETURN c } AS claims`,
      { run: RUN },
    );
    expect(counts).toEqual({
      entities: WRITERS + 1 + 2 * PROJECTS,
      relations: 3 * PROJECTS,
      mentions: WRITERS * (1 + 2 * PROJECTS),
      facts: PROJECTS,
      claims: 1 + 2 * PROJECTS,
    });
  });

  test('each shared entity carries every writer’s evidence and the name it was given', async () => {
    const rows = await cypher(
      app.driver,
      `MATCH (n:Entity)-[m:MENTIONED_IN]->(s:Source) WHERE n.id CONTAINS $run
       UNWIND m.evidenceIds AS evidenceId
       MATCH (e:Evidence {id: evidenceId})
       RETURN n.id AS entity, s.id AS source, collect(e.quote) AS quotes`,
      { run: RUN },
    );
    const got = new Map(rows.map((row) => [`mention:${String(row.entity)}:${String(row.source)}`, row.quotes]));
    // A mention is the writer's own: its quotes are those of the writer's last write of the entity.
    const expected = new Map<string, string[]>();
    for (const writes of plans)
      for (const write of writes)
        for (const [key, quote] of write.touches) {
          if (key.startsWith('mention:')) expected.set(key, [quote]);
        }
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
    const claims = await cypher(
      app.driver,
      'MATCH (c:NameClaim) WHERE c.entityId CONTAINS $run AND NOT c.entityId STARTS WITH "source:" RETURN c.entityId AS id, c.text AS text',
      { run: RUN },
    );
    const names = await cypher(
      app.driver,
      'MATCH (n:Entity) WHERE n.id CONTAINS $run AND NOT n:Source RETURN n.id AS id, n.name AS name, n.industries AS industries',
      {
        run: RUN,
      },
    );
    expect(new Map(claims.map((row) => [row.id, row.text]))).toEqual(new Map(names.map((row) => [row.id, row.name])));
    // Writers that leave industries out keep the stored ones: in any serial order the even
    // writers' value is there at the end (a lost update would leave []).
    for (const row of names) {
      if (String(row.id).startsWith('project:'))
        expect({ id: row.id, industries: row.industries }).toEqual({ id: row.id, industries: [INDUSTRY] });
    }
  });

  test('the final state is that of one serial order of the acknowledged writes', async () => {
    const writes = acknowledged()
      .map(({ write }) => write)
      .filter((write) => !write.resend);
    // The write whose values each shared item holds.
    const projects = await cypher(
      app.driver,
      `MATCH (n:Project)-[:HAS_FACT]->(f:Fact) WHERE n.id CONTAINS $run
       RETURN n.id AS id, collect(f.value) AS values, n.totalInvestmentRaw AS projected`,
      { run: RUN },
    );
    const relations = await cypher(
      app.driver,
      `MATCH (a:Entity)-[r]->(:Entity) WHERE a.id CONTAINS $run AND NOT r:MENTIONED_IN
       UNWIND r.evidenceIds AS evidenceId
       MATCH (e:Evidence {id: evidenceId})
       RETURN r.id AS id, r.amountRaw AS amount, collect(e.quote) AS quotes`,
      { run: RUN },
    );
    const winners = new Map<string, string>();
    for (const row of projects) {
      // Facts are replaced as a whole: one write's fact, and the node's projection of that same fact.
      expect(row.values).toHaveLength(1);
      expect(row.projected).toBe((row.values as string[])[0]);
      winners.set(String(row.id), String((row.values as string[])[0]));
    }
    for (const row of relations) {
      expect(row.quotes).toHaveLength(1);
      const quote = String((row.quotes as string[])[0]);
      // Amount and evidence come from the same write.
      if (row.amount !== null) expect(`提供贷款${String(row.amount)}`).toBe(quote);
      winners.set(String(row.id), quote);
    }
    expect(winners.size).toBe(PROJECTS + 3 * PROJECTS);

    // Constraints: each writer's writes in order; the write an item shows after every other write of it.
    const id = (write: Write): string => `${write.writer}.${write.seq}`;
    const after = new Map<string, Set<string>>(writes.map((write) => [id(write), new Set<string>()]));
    const byWriter = new Map<number, Write[]>();
    for (const write of writes) byWriter.set(write.writer, [...(byWriter.get(write.writer) ?? []), write]);
    for (const list of byWriter.values())
      list.forEach((write, i) => i > 0 && after.get(id(write))?.add(id(list[i - 1] as Write)));
    for (const [item, marker] of winners) {
      const winner = writes.filter((write) => write.touches.get(item) === marker);
      expect({ item, writers: winner.length }).toEqual({ item, writers: 1 });
      const last = winner[0] as Write;
      for (const write of writes) if (write !== last && write.touches.has(item)) after.get(id(last))?.add(id(write));
    }
    // A topological order: fails (a cycle) when no serial order explains the final values.
    const order: Write[] = [];
    const done = new Set<string>();
    while (order.length < writes.length) {
      const next = writes.find(
        (write) => !done.has(id(write)) && [...(after.get(id(write)) ?? [])].every((dep) => done.has(dep)),
      );
      expect(next).toBeDefined();
      if (next === undefined) break;
      order.push(next);
      done.add(id(next));
    }

    // Replayed one at a time in that order into a fresh id space, the writes give the same graph.
    for (const write of order) {
      const answer = await send(app, write, RUN, SERIAL);
      expect({ write: id(write), status: answer.status ?? answer.errors }).toEqual({
        write: id(write),
        status: 'APPLIED',
      });
    }
    const [concurrent, serial] = [await state(app, RUN), await state(app, SERIAL)];
    expect(concurrent.length).toBeGreaterThan(50);
    expect(concurrent).toEqual(serial);
  });
});
