import type { ComplexityEstimator } from 'graphql-query-complexity';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Entity } from '../entities/entity.types';
import type { EntityRecord, RelationRecord } from '../entities/records';
import { Relation } from '../relations/relation.types';

/** Why a candidate is suggested; SCORING.md gives the weight of each. */
export enum SuggestionReasonKind {
  SHARED_PARTNER = 'SHARED_PARTNER',
  SAME_ZONE = 'SAME_ZONE',
  SAME_REGION = 'SAME_REGION',
  SAME_INDUSTRY = 'SAME_INDUSTRY',
  COMPLEMENTARY_ROLE = 'COMPLEMENTARY_ROLE',
}

registerEnumType(SuggestionReasonKind, {
  name: 'SuggestionReasonKind',
  description: 'Why a partner is suggested.',
  valuesConfig: {
    SHARED_PARTNER: {
      description:
        'Both are linked to the same third entity: 3 / log2(its relations) points per shared entity, so a partner only the two share counts 3 and a bank with 5,000 clients 0.24.',
    },
    SAME_ZONE: {
      description:
        'Both are tied to the same zone (hosted, developed, operated or supported by it or its parks, or located in or part of them): 2 / log2(the zone’s relations) points.',
    },
    SAME_REGION: {
      description:
        'Both are located in the same region, directly or through their zone: 1 / log2(the region’s relations) points; only without SAME_ZONE.',
    },
    SAME_INDUSTRY: { description: 'Both carry the same industry code (1.5 points per code).' },
    COMPLEMENTARY_ROLE: {
      description:
        'Their kinds complement each other: research for an industry, a lender or public funds where the graph names none (2 points).',
    },
  },
});

@ObjectType({ description: 'A chain of relations between two entities, in the order of traversal.' })
export class Path {
  @Field(() => [Entity], { description: 'The entities from the start to the end: one more than the relations.' })
  nodes!: EntityRecord[];

  @Field(() => [Relation], {
    description:
      'relations[i] joins nodes[i] and nodes[i + 1]. Paths are undirected: a relation keeps its stored direction (from/to), which may point backwards.',
  })
  relations!: RelationRecord[];

  @Field(() => Int, { description: 'The number of relations.' })
  length!: number;
}

@ObjectType({ description: 'One entity of a neighborhood.' })
export class SubgraphNode {
  @Field(() => Entity)
  entity!: EntityRecord;

  @Field(() => Int, { description: 'Hops from the centre: 0 for the centre itself.' })
  depth!: number;

  @Field(() => Int, {
    description:
      'Relations of this entity through the followed relation types, shown or not (from the degree store: two relations with one neighbour count twice).',
  })
  degree!: number;

  @Field(() => Int, {
    description:
      'Relations of this entity (through the followed types) that the subgraph leaves out, because the `limit` cut their other end or it lies beyond `depth`: the "and N more". degree - omittedNeighbours of them are edges of the subgraph.',
  })
  omittedNeighbours!: number;
}

/**
 * A subgraph's lists are costed per item; the neighborhood field multiplies the sum by the
 * number of entities it expects (see AnalyticsResolver), so the size is counted once.
 */
const PER_ITEM: ComplexityEstimator = ({ childComplexity }) => 1 + childComplexity;

@ObjectType({ description: 'Entities around one entity and the relations between them.' })
export class Subgraph {
  @Field(() => [SubgraphNode], {
    description: 'The centre first, then by depth, then by name and id.',
    complexity: PER_ITEM,
  })
  nodes!: SubgraphNode[];

  @Field(() => [Relation], {
    description: 'Every relation of the followed types between two nodes of the subgraph, by type then id.',
    complexity: PER_ITEM,
  })
  edges!: RelationRecord[];
}

@ObjectType({ description: 'One reason for a partner suggestion, with the chain of relations that grounds it.' })
export class SuggestionReason {
  @Field(() => SuggestionReasonKind)
  kind!: SuggestionReasonKind;

  @Field({
    description:
      'The reason in one English sentence, naming the shared entity, zone, region or industry; a shared entity, zone or region also says how many relations it has and what that leaves of its weight.',
  })
  description!: string;

  @Field(() => Float, {
    description: 'What this reason adds to the score (see SuggestionReasonKind), rounded to hundredths.',
  })
  weight!: number;

  @Field(() => Path, {
    description:
      'From the entity asked about to the candidate. For SHARED_PARTNER, SAME_ZONE and SAME_REGION, the path through the shared entity, zone or region; for SAME_INDUSTRY and COMPLEMENTARY_ROLE, which are properties and not relations, the shortest of the other reasons’ paths: how the graph connects the two.',
  })
  path!: Path;

  // `evidence` is a field resolver of AnalyticsResolver: the evidence of the path's relations.
}

@ObjectType({ description: 'An entity suggested as a partner, with its score and the reasons that make it up.' })
export class PartnerSuggestion {
  @Field(() => Entity)
  candidate!: EntityRecord;

  @Field(() => Float, { description: 'The sum of the reasons’ weights (src/analytics/SCORING.md).' })
  score!: number;

  @Field(() => [SuggestionReason])
  reasons!: SuggestionReason[];
}
