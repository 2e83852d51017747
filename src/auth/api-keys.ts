import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { ConfigError } from '../config';

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** How much a role may do; a role includes every role below it. */
export const ROLE_RANK: Readonly<Record<Role, number>> = { reader: 1, editor: 2, admin: 3 };

export interface ApiKeyEntry {
  readonly name: string;
  readonly role: Role;
  /** sha256 of the key, hex: the key itself is never stored. */
  readonly sha256: Buffer;
}

export interface Caller {
  readonly role: Role | 'anonymous';
  readonly keyName: string | null;
}

export const ANONYMOUS: Caller = { role: 'anonymous', keyName: null };

/** sha256 hex of a key, as written in API_KEYS. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key (256 bits, base64url), for `npm run key:new`. */
export function newKey(): string {
  return `zg_${randomBytes(32).toString('base64url')}`;
}

/**
 * Parses `name:role:sha256hex` entries separated by commas or new lines (blank lines and `#`
 * comments allowed), from API_KEYS and from the file API_KEYS_FILE. A malformed entry stops
 * the server at start, naming the variable and the entry.
 */
export function parseApiKeys(text: string, variable: string): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  const names = new Set<string>();
  for (const raw of text.split(/[,\n]/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [name, role, sha] = line.split(':');
    if (!name || !role || !sha || line.split(':').length !== 3) {
      throw new ConfigError(variable, `entry "${line}" is not name:role:sha256hex`);
    }
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new ConfigError(variable, `entry "${name}" has role "${role}"; use one of ${ROLES.join(', ')}`);
    }
    if (!/^[0-9a-f]{64}$/.test(sha)) {
      throw new ConfigError(variable, `entry "${name}" must give the sha256 of the key as 64 hex digits, not the key`);
    }
    if (names.has(name)) throw new ConfigError(variable, `key name "${name}" appears twice`);
    names.add(name);
    entries.push({ name, role: role as Role, sha256: Buffer.from(sha, 'hex') });
  }
  return entries;
}

/** Loads every configured key from API_KEYS and API_KEYS_FILE. */
export function loadApiKeys(apiKeys: string, apiKeysFile: string | null): ApiKeyEntry[] {
  const fromFile = apiKeysFile === null ? '' : readKeyFile(apiKeysFile);
  return [...parseApiKeys(apiKeys, 'API_KEYS'), ...parseApiKeys(fromFile, 'API_KEYS_FILE')];
}

function readKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'API_KEYS_FILE',
      `cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

/**
 * The keys the server accepts, re-readable without a restart: `reload()` reads API_KEYS and
 * API_KEYS_FILE again (the server calls it on SIGHUP), so a key removed from the file is
 * refused from the next request on. A file that no longer parses is refused whole and the keys
 * in force stay as they were: a typo must not lock every client out.
 */
export class KeyRing {
  private entries: readonly ApiKeyEntry[];

  constructor(
    private readonly apiKeys: string,
    private readonly apiKeysFile: string | null,
  ) {
    this.entries = loadApiKeys(apiKeys, apiKeysFile);
  }

  /** Reads the keys again; returns how many are in force, or throws ConfigError and keeps the old ones. */
  reload(): number {
    this.entries = loadApiKeys(this.apiKeys, this.apiKeysFile);
    return this.entries.length;
  }

  identify(key: string | null): Caller | null {
    return identify(this.entries, key);
  }
}

/** Reads the key a request presents: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function presentedKey(headers: Readonly<Record<string, string | string[] | undefined>>): string | null {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  return null;
}

/**
 * Finds the caller for a presented key by comparing hashes in constant time. Returns null when
 * a key was presented but matches none (the request is then refused as UNAUTHENTICATED).
 */
export function identify(entries: readonly ApiKeyEntry[], key: string | null): Caller | null {
  if (key === null) return ANONYMOUS;
  const digest = createHash('sha256').update(key, 'utf8').digest();
  let found: ApiKeyEntry | null = null;
  for (const entry of entries) if (timingSafeEqual(entry.sha256, digest)) found = entry;
  return found === null ? null : { role: found.role, keyName: found.name };
}
