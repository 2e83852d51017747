import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { RelationTypeName } from '../domain/vocabulary';
import { BadUserInputError } from '../errors/errors';
import { Direction, NameScript, NameVariantKind, RelationType } from '../graphql/enums';
import { checkFirst, cursorScope, keyAfter, toConnection } from '../graphql/pagination';
import { relationPageExtras, rootLightProps, selects, soleField, unionLightProps } from '../graphql/selection';
import { memberPagePrefetch } from './kind.resolvers';
import type { RelationPageKey } from './loaders';
import { Evidence, Fact, RelationConnection } from '../relations/relation.types';
import { Entity, NameVariant, Node } from './entity.types';
import type { EntityRecord, EvidenceRecord, FactRecord } from './records';
import { relationTypeOfId } from './entity.repository';

/** The written forms of an entity's name, derived at ingest and labelled here. */
export function nameVariants(entity: EntityRecord): NameVariant[] {
  const variants: NameVariant[] = [
    { text: entity.name, script: NameScript.HAN_SIMPLIFIED, kind: NameVariantKind.CANONICAL },
    ...entity.aliases.map((text) => ({ text, script: NameScript.HAN_SIMPLIFIED, kind: NameVariantKind.ALIAS })),
    ...entity.abbreviations.map((text) => ({
      text,
      script: NameScript.HAN_SIMPLIFIED,
      kind: NameVariantKind.ABBREVIATION,
    })),
    ...entity.traditionalNames.map((text) => ({
      text,
      script: NameScript.HAN_TRADITIONAL,
      kind: NameVariantKind.TRADITIONAL,
    })),
    ...entity.pinyinNames.map((text) => ({ text, script: NameScript.LATIN, kind: NameVariantKind.PINYIN })),
    ...entity.initials.map((text) => ({ text, script: NameScript.LATIN, kind: NameVariantKind.INITIALS })),
    ...entity.identifiers.map((text) => ({ text, script: NameScript.LATIN, kind: NameVariantKind.IDENTIFIER })),
  ];
  if (entity.englishName)
    variants.push({ text: entity.englishName, script: NameScript.LATIN, kind: NameVariantKind.ENGLISH });
  // A canonical name written in Latin letters (a firm's English name) is not Han script.
  return variants.map((variant) =>
    variant.script === NameScript.HAN_SIMPLIFIED && !/\p{Script=Han}/u.test(variant.text)
      ? { ...variant, script: NameScript.LATIN }
      : variant,
  );
}

interface RelationsArgs {
  readonly types: RelationTypeName[] | null;
  readonly direction: Direction;
  readonly first: number;
  readonly after: string | null;
}

/**
 * The loader key of `Entity.relations` with these arguments and this selection (`info` is the
 * field's): what `relations` loads, and what node(id) reads ahead for it. Throws the field's
 * errors for bad arguments.
 */
function relationPageKey(
  entityId: string,
  { types, direction, first, after }: RelationsArgs,
  info: GraphQLResolveInfo,
): { key: RelationPageKey; scope: string } {
  if (types?.length === 0) {
    // As everywhere else: an empty list is a mistake, not a request for nothing.
    throw new BadUserInputError('"types", when given, must name at least one relation type.', { argument: 'types' });
  }
  const sortedTypes = types ? [...new Set(types)].sort() : null;
  const scope = cursorScope('relations', entityId, sortedTypes, direction);
  const key = {
    id: entityId,
    types: sortedTypes,
    direction,
    first: checkFirst(first),
    after: keyAfter(after ?? null, scope),
    with: relationPageExtras(info),
  };
  return { key, scope };
}

/**
 * The relation page node(id) can read with the entity: when its selection holds exactly one
 * `relations` field (through fragments; not two, no directive on it) whose arguments are valid
 * (selection.ts, soleField). Otherwise null, and `relations` reads its page itself (and reports
 * a bad argument).
 */
function relationPagePrefetch(id: string, info: GraphQLResolveInfo): RelationPageKey | null {
  const field = soleField(info, 'Entity', 'relations');
  if (field === null) return null;
  const args = field.args as unknown as RelationsArgs;
  try {
    return relationPageKey(id, { ...args, types: args.types ?? null, after: args.after ?? null }, field.info).key;
  } catch {
    return null;
  }
}

/**
 * The fields of an entity node(id) may read ahead that need of the entity only its id, or a light
 * property (a zone's member connections their count): with only these and light fields in its
 * selection, node(id) reads the entity as a light record with the page.
 */
const READ_BY_ID: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['relations', []],
  ['evidence', []],
  ['facts', []],
  ['enterprises', ['enterpriseCount']],
  ['projects', ['projectCount']],
]);

/**
 * Fields every entity kind shares. Resolvers stay thin: they read arguments, ask a per-request
 * loader, and shape the answer.
 */
@Resolver(() => Entity)
export class EntityResolver {
  @Query(() => Node, { nullable: true, description: 'Any entity, relation, fact or evidence by its id.' })
  async node(
    @Arg('id', () => ID) id: string,
    @Ctx() { loaders }: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<object | null> {
    if (id.startsWith('rel:')) return relationTypeOfId(id) === null ? null : loaders.relation.load(id);
    if (id.startsWith('ev:')) return loaders.evidence.load(id);
    if (id.startsWith('fact:')) return loaders.fact.load(id);
    // An entity whose selection asks for one relation page: the entity (and its evidence, when
    // selected) comes with the page, in its statement, and the page waits in the loader for
    // `relations`, instead of one statement for the entity and one more for the page after it.
    const prefetch = relationPagePrefetch(id, info);
    if (prefetch !== null) {
      const page = await loaders.relationPage.load({
        ...prefetch,
        root: {
          entity: true,
          evidence: selects(info, 'evidence'),
          // The entity may be an end of its own relations (a loop through another entity's
          // page is not: the page reads the other end); the record serves what the ends read.
          props: unionLightProps(
            rootLightProps(info, READ_BY_ID),
            prefetch.with?.ends ? (prefetch.with.endProps ?? null) : [],
          ),
        },
      });
      if (page.root !== undefined) {
        loaders.relationPage.prime(prefetch, page);
        return page.root;
      }
      // No row (the entity has no relations of those types, or does not exist): read it alone.
    }
    // A zone whose selection asks for a member page (Zone.enterprises or Zone.projects): the same.
    const members = prefetch === null ? memberPagePrefetch(id, info) : null;
    if (members !== null) {
      const page = await loaders.memberPage.load({
        ...members,
        root: true,
        rootProps: rootLightProps(info, READ_BY_ID),
      });
      if (page.root !== undefined) {
        loaders.memberPage.prime(members, page);
        return page.root;
      }
    }
    return loaders.entity.load(id);
  }

  @FieldResolver(() => [NameVariant], { description: 'Every written form of the name, labelled by script and kind.' })
  nameVariants(@Root() entity: EntityRecord): NameVariant[] {
    return nameVariants(entity);
  }

  @FieldResolver(() => [Evidence], { description: 'Where the sources name this entity.' })
  evidence(@Root() entity: EntityRecord, @Ctx() { loaders }: RequestContext): Promise<EvidenceRecord[]> {
    return loaders.entityEvidence.load(entity.id);
  }

  @FieldResolver(() => [Fact], { description: 'Attributes and figures the sources state about this entity.' })
  async facts(
    @Root() entity: EntityRecord,
    @Ctx() { loaders }: RequestContext,
    @Arg('keys', () => [String], { nullable: true, description: 'Only these fact keys.' }) keys: string[] | null,
    @Arg('presentableOnly', {
      defaultValue: false,
      description: 'Leave out facts a quality flag marks as not to be taken as true.',
    })
    presentableOnly: boolean,
  ): Promise<FactRecord[]> {
    const facts = await loaders.facts.load(entity.id);
    return facts.filter((fact) => (!keys || keys.includes(fact.key)) && (!presentableOnly || fact.presentable));
  }

  @FieldResolver(() => RelationConnection, {
    description:
      'Relations of this entity, a page at a time: by type, then the other end by kind and name (pinyin), then id.',
  })
  async relations(
    @Root() entity: EntityRecord,
    @Ctx() { loaders }: RequestContext,
    @Arg('types', () => [RelationType], { nullable: true }) types: RelationTypeName[] | null,
    @Arg('direction', () => Direction, { defaultValue: Direction.BOTH }) direction: Direction,
    @Arg('first', () => Int, { defaultValue: 20, description: '1 to 100.' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RelationConnection> {
    const { key, scope } = relationPageKey(entity.id, { types, direction, first, after }, info);
    const page = await loaders.relationPage.load(key);
    const query = { id: key.id, types: key.types, direction: key.direction };
    return toConnection(page, scope, key.after !== null, () =>
      loaders.relationCount.load(query),
    ) as unknown as RelationConnection;
  }
}
