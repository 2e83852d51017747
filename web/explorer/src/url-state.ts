/**
 * Deep links: the view as a query string, so a view can be shared and a reload rebuilds it.
 * The link records what was done, not what came back (no cursors, which are opaque and may
 * change): which entities were opened, how many relations of which types each expanded entity
 * shows, the path searches, single relations added from suggestions, what is hidden, pinned or
 * removed, the filters and the selection. Replaying it asks the API the same questions again.
 *
 *   o=zone:shangdang-etdz                opened entity (repeated)
 *   x=zone:shangdang-etdz~18~1fffe       expanded: id ~ relations shown ~ types (mask)
 *   p=zone:a~zone:b~4                    path search: from ~ to ~ max hops
 *   r=rel:hosts:…                        a relation added on its own (repeated)
 *   h= / pin= / d=                       hidden / pinned / removed ids, comma-separated
 *   t=1fffe  k=PERSON,SOURCE             types shown (mask) when not the default / kinds hidden
 *   e=zone:shangdang-etdz                the selected entity
 */
import type { Model, PathQuery } from './model.js';
import { typesOn } from './model.js';
import {
  RELATION_TYPES,
  TYPES_OFF_BY_DEFAULT,
  isEntityKind,
  maskToTypes,
  typesToMask,
  type EntityKind,
  type RelationType,
} from './vocabulary.js';

/** Entity ids as the API makes them (kind prefix, ASCII slug). */
const ENTITY_ID = /^[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Relation ids: rel:<type>:<hash>. */
const RELATION_ID = /^rel:[a-z_]+:[A-Za-z0-9._-]+$/;

/** The largest expansion a link may ask for; more is refused as a malformed link. */
export const MAX_LINK_EXPANSION = 2000;

export interface LinkPlan {
  opened: string[];
  expansions: { id: string; count: number; types: RelationType[] }[];
  paths: PathQuery[];
  relations: string[];
  hidden: string[];
  pinned: string[];
  removed: string[];
  typesOff: RelationType[];
  kindsOff: EntityKind[];
  selected: string | null;
  /** Parts of the link that were not understood (shown to the user, then ignored). */
  ignored: string[];
}

const DEFAULT_TYPES_MASK = typesToMask(RELATION_TYPES.filter((type) => !TYPES_OFF_BY_DEFAULT.includes(type)));

/** The query string (without "?") that rebuilds `model`. */
export function encodeModel(model: Model): string {
  const params = new URLSearchParams();
  for (const id of model.opened) params.append('o', id);
  for (const [id, expansion] of model.expansions) {
    params.append('x', `${id}~${expansion.loaded}~${typesToMask(expansion.types)}`);
  }
  for (const path of model.paths) params.append('p', `${path.from}~${path.to}~${path.maxHops}`);
  for (const id of model.extraRelations) params.append('r', id);
  const list = (key: string, ids: Iterable<string>) => {
    const sorted = [...ids].sort();
    if (sorted.length > 0) params.set(key, sorted.join(','));
  };
  list('h', model.hidden);
  list('pin', model.pinned);
  list('d', model.removed);
  const mask = typesToMask(typesOn(model));
  if (mask !== DEFAULT_TYPES_MASK) params.set('t', mask);
  list('k', model.kindsOff);
  if (model.selected !== null) params.set('e', model.selected);
  return params.toString().replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%7E/gi, '~');
}

/** Reads a query string; anything malformed is listed in `ignored`, never thrown. */
export function decodeLink(search: string): LinkPlan {
  const params = new URLSearchParams(search);
  const plan: LinkPlan = {
    opened: [],
    expansions: [],
    paths: [],
    relations: [],
    hidden: [],
    pinned: [],
    removed: [],
    typesOff: [...TYPES_OFF_BY_DEFAULT],
    kindsOff: [],
    selected: null,
    ignored: [],
  };
  const entityIds = (key: string): string[] =>
    (params.get(key) ?? '')
      .split(',')
      .filter((id) => id !== '')
      .filter((id) => ENTITY_ID.test(id) || (plan.ignored.push(`${key}=${id}`), false));

  for (const id of params.getAll('o')) {
    if (ENTITY_ID.test(id)) plan.opened.push(id);
    else plan.ignored.push(`o=${id}`);
  }
  for (const value of params.getAll('x')) {
    const [id = '', count = '', mask = ''] = value.split('~');
    const types = maskToTypes(mask);
    const n = Number(count);
    if (ENTITY_ID.test(id) && types !== null && Number.isInteger(n) && n >= 0 && n <= MAX_LINK_EXPANSION) {
      plan.expansions.push({ id, count: n, types });
    } else plan.ignored.push(`x=${value}`);
  }
  for (const value of params.getAll('p')) {
    const [from = '', to = '', hops = ''] = value.split('~');
    const maxHops = Number(hops);
    if (ENTITY_ID.test(from) && ENTITY_ID.test(to) && Number.isInteger(maxHops) && maxHops >= 1 && maxHops <= 6) {
      plan.paths.push({ from, to, maxHops });
    } else plan.ignored.push(`p=${value}`);
  }
  for (const id of params.getAll('r')) {
    if (RELATION_ID.test(id)) plan.relations.push(id);
    else plan.ignored.push(`r=${id}`);
  }
  plan.hidden = entityIds('h');
  plan.pinned = entityIds('pin');
  plan.removed = entityIds('d');
  const mask = params.get('t');
  if (mask !== null) {
    const on = maskToTypes(mask);
    if (on === null) plan.ignored.push(`t=${mask}`);
    else plan.typesOff = RELATION_TYPES.filter((type) => !on.includes(type));
  }
  for (const kind of (params.get('k') ?? '').split(',').filter((k) => k !== '')) {
    if (isEntityKind(kind)) plan.kindsOff.push(kind);
    else plan.ignored.push(`k=${kind}`);
  }
  const selected = params.get('e');
  if (selected !== null) {
    if (ENTITY_ID.test(selected)) plan.selected = selected;
    else plan.ignored.push(`e=${selected}`);
  }
  return plan;
}
