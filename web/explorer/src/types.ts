/** The shapes of the API's answers as the explorer reads them (no DOM, shared with tests). */
import type { EntityKind, RelationType } from './vocabulary.js';

export interface EntityRef {
  id: string;
  kind: EntityKind;
  subtype: string | null;
  name: string;
}

export interface SourceRef {
  id: string;
  title: string | null;
  byline: string | null;
  publisher: string;
}

export interface Evidence {
  id: string;
  quote: string;
  paragraph: number;
  charStart: number;
  charEnd: number;
  source: SourceRef;
}

export interface PartialDate {
  value: string;
  precision: string;
}

export interface Amount {
  raw: string;
  formatted: string;
  qualifier: string;
  expected: boolean;
}

/** An end of a relation, with how many relations it has of the types asked for. */
export interface RelationEnd extends EntityRef {
  relations?: { totalCount: number };
}

export interface Relation {
  id: string;
  type: RelationType;
  status: string | null;
  role: string | null;
  date: PartialDate | null;
  amount: Amount | null;
  qualityFlags: string[];
  from: RelationEnd;
  to: RelationEnd;
  evidence: Evidence[];
}

export interface Fact {
  id: string;
  key: string;
  value: string;
  date: PartialDate | null;
  period: { start: PartialDate; end: PartialDate | null } | null;
  quantity: { formatted: string; expected: boolean } | null;
  presentable: boolean;
  qualityFlags: string[];
  properties: { key: string; value: string }[];
  evidence: Evidence[];
}

export interface EntityDetail extends EntityRef {
  englishName: string | null;
  aliases: string[];
  industries: string[];
  qualityFlags: string[];
  nameVariants: { text: string; kind: string; script: string }[];
  facts: Fact[];
  evidence: Evidence[];
}

export interface RelationPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  relations: Relation[];
}

export interface Path {
  length: number;
  nodes: EntityRef[];
  relations: Relation[];
}

export interface Suggestion {
  score: number;
  candidate: EntityRef;
  reasons: {
    kind: string;
    weight: number;
    description: string;
    path: { length: number; nodes: EntityRef[]; relations: { id: string }[] };
  }[];
}

export interface SearchHit {
  score: number;
  matched: { text: string; kind: string };
  entity: EntityRef;
}

export interface SourceText extends SourceRef {
  text: string;
}

/** What the graph view's drawnStyle reports (tests read it through the page's hook); colours as Cytoscape gives them (`rgb(r,g,b)`). */
export type DrawnStyle =
  | { group: 'node'; kind: string; shape: string; colour: string; label: string; fontFamily: string }
  | {
      group: 'edge';
      type: string;
      status: string;
      lineStyle: string;
      colour: string;
      label: string;
      fontFamily: string;
    };
