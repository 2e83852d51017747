import type { EntityKindName, QualityFlagName, RelationStatusName, RelationTypeName } from '../domain/vocabulary';

/** The ingest format (schema/ingest.schema.json); data/seed/*.json are batches of it. */
export interface EvidenceInput {
  source: string;
  quote: string;
  paragraph?: number;
  start?: number;
  end?: number;
}

export interface PeriodInput {
  start: string;
  end?: string;
}

export interface SourceInput {
  id: string;
  title?: string | null;
  section?: string | null;
  publisher: string;
  byline?: string | null;
  kind: 'ARTICLE' | 'PHOTO_CAPTION' | 'CATALOGUE';
  date?: string;
  origin?: { file: string; sha256: string; start: number; end: number };
  text: string;
  qualityFlags?: QualityFlagName[];
}

export interface FactInput {
  key: string;
  value: string;
  date?: string;
  period?: PeriodInput;
  properties?: Record<string, string>;
  evidence: EvidenceInput[];
  qualityFlags?: QualityFlagName[];
}

export interface EntityInput {
  id: string;
  kind: Exclude<EntityKindName, 'SOURCE'>;
  subtype?: string | null;
  name: string;
  englishName?: string | null;
  aliases?: string[];
  /** Ids merged into this entity; kept by export and restore so they are never reused. */
  mergedIds?: string[];
  industries?: string[];
  evidence: EvidenceInput[];
  facts?: FactInput[];
  qualityFlags?: QualityFlagName[];
}

export interface RelationInput {
  type: Exclude<RelationTypeName, 'MENTIONED_IN'>;
  from: string;
  to: string;
  key?: string;
  amount?: string;
  date?: string;
  period?: PeriodInput;
  status?: RelationStatusName;
  role?: string;
  properties?: Record<string, string>;
  evidence: EvidenceInput[];
  qualityFlags?: QualityFlagName[];
}

export interface IngestBatch {
  idempotencyKey?: string;
  sources?: SourceInput[];
  entities?: EntityInput[];
  relations?: RelationInput[];
}
