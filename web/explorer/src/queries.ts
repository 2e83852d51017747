/**
 * The operations the explorer sends (their answers' shapes are in types.ts). Only stable fields are
 * used (search, node, relations, paths, partnerSuggestions); cursors are passed back untouched.
 */
import { request } from './api.js';
import type {
  EntityDetail,
  EntityRef,
  Path,
  Relation,
  RelationPage,
  SearchHit,
  SourceText,
  Suggestion,
} from './types.js';
import type { EntityKind, RelationType } from './vocabulary.js';

const ENTITY_REF = 'id kind subtype name';
const EVIDENCE = 'id quote paragraph charStart charEnd source { id title byline publisher }';
/** Without `ends`: a relation's ends carry their own relation count (the "+N" on a node). */
const relationFields = (endCount: boolean): string => `
  id type status role qualityFlags
  date { value precision }
  amount { raw formatted qualifier expected }
  from { ${ENTITY_REF}${endCount ? ' relations(first: 1, types: $types) { totalCount }' : ''} }
  to { ${ENTITY_REF}${endCount ? ' relations(first: 1, types: $types) { totalCount }' : ''} }
  evidence { ${EVIDENCE} }`;

export async function search(query: string, kind: EntityKind | null): Promise<SearchHit[]> {
  const data = await request<{ search: SearchHit[] }>(
    `query ExplorerSearch($query: String!, $kinds: [EntityKind!]) {
      search(query: $query, kinds: $kinds, first: 20) { score matched { text kind } entity { ${ENTITY_REF} } }
    }`,
    { query, kinds: kind === null ? null : [kind] },
  );
  return data.search;
}

/** The entity by id, or null when nothing (or not an entity) has it. */
export async function entityRef(id: string): Promise<EntityRef | null> {
  const data = await request<{ node: (Partial<EntityRef> & { id: string }) | null }>(
    `query ExplorerEntityRef($id: ID!) { node(id: $id) { id ... on Entity { ${ENTITY_REF} } } }`,
    { id },
  );
  return data.node !== null && typeof data.node.kind === 'string' ? (data.node as EntityRef) : null;
}

export async function entityDetail(id: string): Promise<EntityDetail | null> {
  const data = await request<{ node: (Partial<EntityDetail> & { id: string }) | null }>(
    `query ExplorerEntity($id: ID!) {
      node(id: $id) { id ... on Entity {
        ${ENTITY_REF} englishName aliases industries qualityFlags
        nameVariants { text kind script }
        facts {
          id key value presentable qualityFlags
          date { value precision } period { start { value precision } end { value precision } }
          quantity { formatted expected } properties { key value }
          evidence { ${EVIDENCE} }
        }
        evidence { ${EVIDENCE} }
      } }
    }`,
    { id },
  );
  return data.node !== null && typeof data.node.kind === 'string' ? (data.node as EntityDetail) : null;
}

/**
 * A page of an entity's relations of the given types (both directions), with the relation count
 * of each other end unless `endCounts` is false. Null when no entity has the id.
 */
export async function relationPage(
  id: string,
  types: readonly RelationType[],
  first: number,
  after: string | null,
  endCounts = true,
): Promise<(RelationPage & { entity: EntityRef }) | null> {
  type Answer = {
    node:
      | (EntityRef & {
          relations?: {
            totalCount: number;
            pageInfo: RelationPage['pageInfo'];
            edges: { node: Relation }[];
          };
        })
      | null;
  };
  const data = await request<Answer>(
    `query ExplorerRelations($id: ID!, $types: [RelationType!], $first: Int!, $after: String) {
      node(id: $id) { id ... on Entity { ${ENTITY_REF}
        relations(types: $types, first: $first, after: $after, direction: BOTH) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { ${relationFields(endCounts)} } }
        }
      } }
    }`,
    { id, types, first, after },
  );
  const node = data.node;
  if (node === null || node.relations === undefined) return null;
  return {
    entity: { id: node.id, kind: node.kind, subtype: node.subtype, name: node.name },
    totalCount: node.relations.totalCount,
    pageInfo: node.relations.pageInfo,
    relations: node.relations.edges.map((edge) => edge.node),
  };
}

/** The API answers at most this many aliased fields in one document (MAX_ALIASES). */
const ALIASES_PER_REQUEST = 12;

/** Relations by id (for views restored from a link), a few per request; unknown ids are left out. */
export async function relationsById(ids: readonly string[]): Promise<Relation[]> {
  const found: Relation[] = [];
  for (let offset = 0; offset < ids.length; offset += ALIASES_PER_REQUEST) {
    const chunk = ids.slice(offset, offset + ALIASES_PER_REQUEST);
    const variables = Object.fromEntries(chunk.map((id, index) => [`id${index}`, id]));
    const declarations = chunk.map((_id, index) => `$id${index}: ID!`).join(', ');
    const fields = chunk
      .map((_id, index) => `r${index}: node(id: $id${index}) { id ... on Relation { ${relationFields(false)} } }`)
      .join('\n');
    const data = await request<Record<string, Relation | { id: string } | null>>(
      `query ExplorerRelationsById(${declarations}) { ${fields} }`,
      variables,
    );
    for (const value of Object.values(data)) if (value !== null && 'type' in value) found.push(value);
  }
  return found;
}

export async function paths(from: string, to: string, maxHops: number): Promise<Path[]> {
  const data = await request<{ paths: Path[] }>(
    `query ExplorerPaths($from: ID!, $to: ID!, $maxHops: Int!) {
      paths(from: $from, to: $to, maxHops: $maxHops, first: 3) {
        length nodes { ${ENTITY_REF} } relations { ${relationFields(false)} }
      }
    }`,
    { from, to, maxHops },
  );
  return data.paths;
}

export async function suggestions(id: string): Promise<Suggestion[]> {
  const data = await request<{ partnerSuggestions: Suggestion[] }>(
    `query ExplorerSuggestions($for: ID!) {
      partnerSuggestions(for: $for, first: 10) {
        score candidate { ${ENTITY_REF} }
        reasons { kind weight description path { length nodes { ${ENTITY_REF} } relations { id } } }
      }
    }`,
    { for: id },
  );
  return data.partnerSuggestions;
}

export async function sourceText(id: string): Promise<SourceText | null> {
  const data = await request<{ node: (Partial<SourceText> & { id: string }) | null }>(
    `query ExplorerSource($id: ID!) { node(id: $id) { id ... on Source { title byline publisher text } } }`,
    { id },
  );
  return data.node !== null && typeof data.node.text === 'string' ? (data.node as SourceText) : null;
}

/** An entity and how many relations of `types` it has; null when no entity has the id. */
export async function entityWithCount(
  id: string,
  types: readonly RelationType[],
): Promise<{ entity: EntityRef; total: number } | null> {
  const data = await request<{ node: (EntityRef & { relations?: { totalCount: number } }) | null }>(
    `query ExplorerEntityCount($id: ID!, $types: [RelationType!]) {
      node(id: $id) { id ... on Entity { ${ENTITY_REF} relations(types: $types, first: 1) { totalCount } } }
    }`,
    { id, types },
  );
  const node = data.node;
  if (node === null || node.relations === undefined) return null;
  return {
    entity: { id: node.id, kind: node.kind, subtype: node.subtype, name: node.name },
    total: node.relations.totalCount,
  };
}
