/**
 * The API's enums as the explorer shows them: kinds with their colour and shape, relation types
 * with a readable label, statuses with a line style. A unit test keeps the lists equal to the
 * server's vocabularies (src/domain/vocabulary.ts), so a new kind or type cannot be forgotten.
 */

export const ENTITY_KINDS = [
  'ZONE',
  'PARK',
  'ENTERPRISE',
  'BANK',
  'UNIVERSITY',
  'PROJECT',
  'REGION',
  'GOVERNMENT_BODY',
  'FUNDING_INSTRUMENT',
  'POLICY',
  'PERSON',
  'SOURCE',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * Relation types in a fixed order: a deep link stores a set of types as a bit mask over this
 * order, so new types must be appended, never inserted.
 */
export const RELATION_TYPES = [
  'LOCATED_IN',
  'PART_OF',
  'FINANCED_BY',
  'PARTNERED_WITH',
  'HOSTS',
  'DEVELOPS',
  'OPERATES',
  'SUBSIDIZED_UNDER',
  'ISSUED',
  'COURTS',
  'INVESTS_IN',
  'SUPPORTS',
  'APPLIED_FOR',
  'AWARDED',
  'ADVISES',
  'AUTHORED',
  'MENTIONED_IN',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/**
 * Off by default, as in the API's analytics: they link each entity to the article naming it,
 * which would tie everything on a page to everything else.
 */
export const TYPES_OFF_BY_DEFAULT: readonly RelationType[] = ['MENTIONED_IN', 'AUTHORED'];

export const RELATION_STATUSES = [
  'ANNOUNCED',
  'PLANNED',
  'UNDER_CONSTRUCTION',
  'ONGOING',
  'TRIAL_OPERATION',
  'IN_OPERATION',
  'COMPLETED',
] as const;
export type RelationStatus = (typeof RELATION_STATUSES)[number];

/** Cytoscape node shapes used here (each has an SVG twin in legend.ts). */
export type Shape =
  | 'hexagon'
  | 'round-hexagon'
  | 'ellipse'
  | 'diamond'
  | 'triangle'
  | 'round-rectangle'
  | 'octagon'
  | 'rectangle'
  | 'star'
  | 'tag'
  | 'pentagon'
  | 'rhomboid';

export interface KindStyle {
  readonly label: string;
  readonly colour: string;
  readonly shape: Shape;
  /** Node diameter in model units: zones and regions read as anchors. */
  readonly size: number;
}

export const KIND_STYLE: Readonly<Record<EntityKind, KindStyle>> = {
  ZONE: { label: 'Zone', colour: '#e15759', shape: 'hexagon', size: 46 },
  PARK: { label: 'Park', colour: '#ff9d9a', shape: 'round-hexagon', size: 34 },
  ENTERPRISE: { label: 'Enterprise', colour: '#4e79a7', shape: 'ellipse', size: 30 },
  BANK: { label: 'Bank', colour: '#f28e2b', shape: 'diamond', size: 34 },
  UNIVERSITY: { label: 'University / research', colour: '#59a14f', shape: 'triangle', size: 34 },
  PROJECT: { label: 'Project', colour: '#edc948', shape: 'round-rectangle', size: 30 },
  REGION: { label: 'Region', colour: '#9d9690', shape: 'octagon', size: 38 },
  GOVERNMENT_BODY: { label: 'Government body', colour: '#76b7b2', shape: 'rectangle', size: 28 },
  FUNDING_INSTRUMENT: { label: 'Funding instrument', colour: '#b07aa1', shape: 'star', size: 36 },
  POLICY: { label: 'Policy', colour: '#9c755f', shape: 'tag', size: 30 },
  PERSON: { label: 'Person', colour: '#6b8e9f', shape: 'pentagon', size: 26 },
  SOURCE: { label: 'Source', colour: '#c9a3c2', shape: 'rhomboid', size: 30 },
};

/** How a status is drawn: planned is dashed, under construction dotted, in operation solid and heavy. */
export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface StatusStyle {
  readonly label: string;
  readonly line: LineStyle;
  readonly colour: string;
  readonly width: number;
}

export const STATUS_STYLE: Readonly<Record<RelationStatus | 'NONE', StatusStyle>> = {
  ANNOUNCED: { label: 'announced', line: 'dashed', colour: '#8c959f', width: 2 },
  PLANNED: { label: 'planned', line: 'dashed', colour: '#8c959f', width: 2 },
  UNDER_CONSTRUCTION: { label: 'under construction', line: 'dotted', colour: '#bc4c00', width: 3 },
  ONGOING: { label: 'ongoing', line: 'dotted', colour: '#bc4c00', width: 3 },
  TRIAL_OPERATION: { label: 'trial operation', line: 'solid', colour: '#1a7f37', width: 2.5 },
  IN_OPERATION: { label: 'in operation', line: 'solid', colour: '#1a7f37', width: 3.5 },
  COMPLETED: { label: 'completed', line: 'solid', colour: '#1a7f37', width: 3.5 },
  NONE: { label: 'no status', line: 'solid', colour: '#b6bec8', width: 1.5 },
};

/** Statuses the legend shows, one line each (others share their look). */
export const LEGEND_STATUSES: readonly (RelationStatus | 'NONE')[] = [
  'PLANNED',
  'UNDER_CONSTRUCTION',
  'IN_OPERATION',
  'NONE',
];

/** FINANCED_BY → "financed by". */
export function typeLabel(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}

export function isEntityKind(value: string): value is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(value);
}

export function isRelationType(value: string): value is RelationType {
  return (RELATION_TYPES as readonly string[]).includes(value);
}

export function kindStyle(kind: string): KindStyle {
  return isEntityKind(kind) ? KIND_STYLE[kind] : { label: kind, colour: '#999999', shape: 'ellipse', size: 30 };
}

export function statusStyle(status: string | null): StatusStyle {
  return status !== null && status in STATUS_STYLE ? STATUS_STYLE[status as RelationStatus] : STATUS_STYLE.NONE;
}

/** A set of relation types as a compact base-36 bit mask over RELATION_TYPES (for deep links). */
export function typesToMask(types: Iterable<RelationType>): string {
  let mask = 0;
  for (const type of types) mask |= 1 << RELATION_TYPES.indexOf(type);
  return mask.toString(36);
}

/** The inverse of typesToMask; null when the text is not a mask. */
export function maskToTypes(text: string): RelationType[] | null {
  if (!/^[0-9a-z]{1,8}$/.test(text)) return null;
  const mask = parseInt(text, 36);
  if (!Number.isSafeInteger(mask)) return null;
  return RELATION_TYPES.filter((_type, index) => (mask & (1 << index)) !== 0);
}
