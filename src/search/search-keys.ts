/**
 * The normalised name forms search compares: stored on every entity as `searchKeys` by the write
 * path (src/ingest/plan.ts, and merges), indexed by the `entity_search_keys` full-text index
 * (keyword analyzer, one term per form), and compared in read/search.cypher with the query
 * normalised the same way. Pure: no driver, no GraphQL, so the write path can import it.
 */

/**
 * NFKC (full-width to half-width), tone marks and other combining marks removed (shàngdǎng is
 * shangdang), lowercase, no whitespace: the form names are compared in.
 */
export function normalise(text: string): string {
  return stripMarks(text.normalize('NFKC')).toLowerCase().replace(/\s+/gu, '');
}

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** The name forms an entity is found by; every one of them is a NameVariant of the API. */
export interface SearchableNames {
  readonly name: string;
  readonly aliases?: readonly string[] | null;
  readonly englishName?: string | null;
  readonly traditionalNames?: readonly string[] | null;
  readonly pinyinNames?: readonly string[] | null;
  readonly initials?: readonly string[] | null;
  /** Zone-type abbreviations (上党经开区), derived from the names. */
  readonly abbreviations?: readonly string[] | null;
  /** Identifiers a source states (a catalogue code such as G141004). */
  readonly identifiers?: readonly string[] | null;
}

/** Every name form, normalised, each once, in a stable order. */
export function searchKeys(names: SearchableNames): string[] {
  const forms = [
    names.name,
    ...(names.aliases ?? []),
    ...(names.traditionalNames ?? []),
    ...(names.pinyinNames ?? []),
    ...(names.initials ?? []),
    ...(names.abbreviations ?? []),
    ...(names.identifiers ?? []),
    ...(names.englishName ? [names.englishName] : []),
  ];
  return [...new Set(forms.map(normalise).filter((key) => key !== ''))];
}
