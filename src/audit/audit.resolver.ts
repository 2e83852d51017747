import { Arg, Args, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import type { Row } from '../db/executor';
import { PageArgs } from '../entities/connections';
import { checkFirst, cursorScope, keyAfter, keyedPage, toConnection, type Page } from '../graphql/pagination';
import { KeyValue, PageInfo } from '../relations/value.types';
import { readAuditPage } from './audit';

@ObjectType({ description: 'One write in the audit log: who, when, what, and how much.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'When it was committed (the database’s time, ISO 8601).' })
  at!: string;

  @Field({ description: 'The API key’s name, or the tool: cli, seed, catalogue.' })
  actor!: string;

  @Field({
    description:
      'INGEST, UPSERT_ENTITY, UPSERT_RELATION, DELETE_RELATION, MERGE_ENTITIES, CLI_INGEST, SEED or CATALOGUE_IMPORT.',
  })
  action!: string;

  @Field(() => String, { nullable: true, description: 'The idempotency key of the batch or chunk (KEY#3/12).' })
  key!: string | null;

  @Field(() => [KeyValue], { description: 'How many sources, entities, facts, relations and evidence items.' })
  counts!: KeyValue[];

  @Field(() => [ID], { description: 'Ids of what it wrote, deleted or merged (the first 100).' })
  ids!: string[];

  @Field(() => Int, { description: 'How many ids there were in all.' })
  idCount!: number;
}

@ObjectType()
class AuditEntryEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEntry)
  node!: AuditEntry;
}

@ObjectType({ description: 'A page of the audit log, newest first.' })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

function toEntry(row: Row): AuditEntry {
  const counts = JSON.parse(String(row.counts ?? '{}')) as Record<string, number>;
  return {
    id: String(row.id),
    at: String(row.at),
    actor: String(row.actor),
    action: String(row.action),
    key: row.key === null || row.key === undefined ? null : String(row.key),
    counts: Object.entries(counts).map(([key, value]) => ({ key, value: String(value) })),
    ids: ((row.ids as unknown[] | null) ?? []).map(String),
    idCount: Number(row.idCount ?? 0),
  };
}

/** The audit log of writes, for admins. */
@Resolver()
export class AuditResolver {
  @Authorized('admin')
  @Query(() => AuditEntryConnection, {
    description: 'Every applied write, newest first: who, when, which batch, how much (role: admin).',
  })
  async auditLog(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) args: PageArgs,
    @Arg('actor', () => String, { nullable: true, description: 'Only the writes of this key name or tool.' })
    actor: string | null,
  ): Promise<Omit<Page<AuditEntry>, 'totalCount'>> {
    const scope = cursorScope('auditLog', actor);
    const after = keyAfter(args.after ?? null, scope);
    const first = checkFirst(args.first);
    const rows = await readAuditPage(ctx.executor, { before: after ?? '\uffff', actor, first });
    const page = keyedPage(
      rows.map((row) => ({ node: toEntry(row.entry), key: row.key })),
      first,
    );
    const { edges, pageInfo } = toConnection(page, scope, after !== null, () => Promise.resolve(0));
    return { edges, pageInfo };
  }
}
