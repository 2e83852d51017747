import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { ConfigError } from '../config';
import { ErrorCode } from '../errors/error-code';

export type PersistedQueriesMode = 'off' | 'allow' | 'only';

/** One operation of an Apollo persisted query manifest (the format its tools read and write). */
interface ManifestOperation {
  readonly id: string;
  readonly name?: string;
  readonly type?: string;
  readonly body: string;
}

/** A refusal, sent as a GraphQL error with this HTTP status. */
export interface Refusal {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Trusted documents: an allowlist of operations, by the sha256 of their text, that apps in
 * production may run (PERSISTED_QUERIES=only) or may send by id instead of text (allow). A
 * request names one with Apollo's wire format, `extensions.persistedQuery.sha256Hash`, with or
 * without its text; with `only`, a request without an id is accepted if its text is on the list,
 * and editors' and admins' keys may still send any query. The list is the manifest
 * PERSISTED_QUERIES_FILE names (`npm run persisted:manifest` writes one from .graphql files).
 */
export class TrustedDocuments {
  private constructor(
    readonly mode: PersistedQueriesMode,
    private readonly byId: ReadonlyMap<string, string>,
  ) {}

  static load(mode: PersistedQueriesMode, file: string | null): TrustedDocuments {
    if (mode === 'off') return new TrustedDocuments(mode, new Map());
    if (file === null) {
      throw new ConfigError('PERSISTED_QUERIES_FILE', `PERSISTED_QUERIES=${mode} needs a manifest file`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ConfigError('PERSISTED_QUERIES_FILE', `cannot read "${file}" as JSON: ${reason}`);
    }
    const operations = (parsed as { operations?: unknown }).operations;
    if (!Array.isArray(operations)) {
      throw new ConfigError('PERSISTED_QUERIES_FILE', `"${file}" is not a persisted query manifest (no "operations")`);
    }
    const byId = new Map<string, string>();
    for (const operation of operations as ManifestOperation[]) {
      if (typeof operation?.body !== 'string' || typeof operation.id !== 'string') {
        throw new ConfigError('PERSISTED_QUERIES_FILE', `an operation of "${file}" has no id or body`);
      }
      if (sha256(operation.body) !== operation.id) {
        throw new ConfigError(
          'PERSISTED_QUERIES_FILE',
          `operation ${operation.name ?? operation.id} of "${file}": its id is not the sha256 of its body`,
        );
      }
      byId.set(operation.id, operation.body);
    }
    return new TrustedDocuments(mode, byId);
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * Resolves a request's operation: returns the query text to run (the manifest's for an id),
   * or a refusal. `privileged` is true for editors' and admins' keys.
   */
  resolve(query: string | undefined, hash: string | undefined, privileged: boolean): { query?: string } | Refusal {
    if (this.mode === 'off') return query === undefined ? {} : { query };
    if (hash !== undefined) {
      const known = this.byId.get(hash.toLowerCase());
      if (known === undefined) {
        return {
          status: 400,
          code: ErrorCode.PERSISTED_QUERY_NOT_FOUND,
          message: `No trusted document has the id ${hash.slice(0, 80)}; ask for the server's manifest.`,
        };
      }
      if (query !== undefined && query !== known) {
        return {
          status: 400,
          code: ErrorCode.BAD_USER_INPUT,
          message: 'The query text does not match the persisted query id it is sent with.',
        };
      }
      return { query: known };
    }
    if (this.mode === 'allow' || privileged || query === undefined) return query === undefined ? {} : { query };
    if (this.byId.has(sha256(query))) return { query };
    return {
      status: 400,
      code: ErrorCode.PERSISTED_QUERY_REQUIRED,
      message:
        'This server runs only trusted documents (PERSISTED_QUERIES=only): send extensions.persistedQuery.sha256Hash of an operation of its manifest.',
    };
  }
}

export function isRefusal(value: { query?: string } | Refusal): value is Refusal {
  return 'code' in value;
}
