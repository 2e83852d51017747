import type { RateLimitConfig } from './http/rate-limit';
/**
 * Every environment variable ZoneGraph reads, parsed and validated in one place. A bad value
 * stops the process at start with a message that names the variable, instead of surfacing
 * later as a confusing runtime failure.
 */

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  readonly neo4j: {
    readonly uri: string;
    readonly user: string;
    readonly password: string;
    readonly database: string;
    /**
     * How long a managed transaction is retried after a transient failure (an unreachable
     * server, a deadlock) before the request fails with DATABASE_UNAVAILABLE.
     */
    readonly maxRetryMs: number;
    /**
     * How many reads of requests run in Neo4j at once (src/db/read-gate.ts); more wait, up to
     * the transaction timeout, then fail with DATABASE_UNAVAILABLE. 0: no limit.
     */
    readonly maxConcurrentReads: number;
  };
  /** Load data/seed into the graph at start when the graph holds no entity yet. */
  readonly seedOnStart: boolean;
  readonly limits: {
    readonly maxDepth: number;
    readonly maxCost: number;
    readonly maxAliases: number;
    readonly maxBodyBytes: number;
    readonly txTimeoutMs: number;
  };
  /** Token buckets per client address and per API key (src/http/rate-limit.ts). */
  readonly rateLimit: RateLimitConfig;
  readonly auth: {
    /** `name:role:sha256hex` entries; see docs/operations.md "Keys and roles". */
    readonly apiKeys: string;
    readonly apiKeysFile: string | null;
    readonly requireKeyForReads: boolean;
  };
  /** Trusted documents (src/http/trusted-documents.ts): off, allow or only, and the manifest. */
  readonly persistedQueries: {
    readonly mode: 'off' | 'allow' | 'only';
    readonly file: string | null;
  };
  /** Browser origins allowed to call the API (CORS); see src/http/cors.ts. */
  readonly cors: CorsOrigins;
}

export interface CorsOrigins {
  /** Serialised origins (`https://app.example`), as browsers send them in `Origin`. */
  readonly origins: readonly string[];
  /** `*`: any origin may read without a key (only when reads are public). */
  readonly anyOrigin: boolean;
}

/** A configuration value is invalid; the message names the variable and what is allowed. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function str(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(name, `expected an integer between ${min} and ${max}, got "${raw}"`);
  }
  const value = Number(raw.trim());
  if (value < min || value > max) {
    throw new ConfigError(name, `expected an integer between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function persistedMode(env: Env): 'off' | 'allow' | 'only' {
  const value = (env.PERSISTED_QUERIES ?? 'off').trim().toLowerCase() || 'off';
  if (value === 'off' || value === 'allow' || value === 'only') return value;
  throw new ConfigError('PERSISTED_QUERIES', `"${env.PERSISTED_QUERIES}" is not one of off, allow, only`);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const normalised = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(normalised)) return true;
  if (['0', 'false', 'no', 'off'].includes(normalised)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

const NEO4J_SCHEMES = ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'];

function neo4jUri(env: Env): string {
  const raw = env.NEO4J_URI;
  if (raw === undefined || raw.trim() === '') {
    throw new ConfigError(
      'NEO4J_URI',
      'not set. Start the server with "npm start" (which runs a local Neo4j), or set NEO4J_URI=bolt://host:7687',
    );
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError('NEO4J_URI', `"${raw}" is not a URI; expected e.g. bolt://localhost:7687`);
  }
  if (!NEO4J_SCHEMES.includes(url.protocol)) {
    throw new ConfigError(
      'NEO4J_URI',
      `scheme "${url.protocol}" is not supported; use one of ${NEO4J_SCHEMES.map((s) => `${s}//`).join(', ')}`,
    );
  }
  if (url.hostname === '') throw new ConfigError('NEO4J_URI', `"${raw}" has no host`);
  return raw.trim();
}

function nodeEnv(env: Env): NodeEnv {
  const raw = str(env, 'NODE_ENV', 'development');
  if (raw === 'development' || raw === 'production' || raw === 'test') return raw;
  throw new ConfigError('NODE_ENV', `expected development, production or test, got "${raw}"`);
}

/**
 * CORS_ORIGINS: comma-separated origins (`https://app.example,http://localhost:5173`), or `*`
 * (alone or with origins) for key-less reads from any origin, which needs public reads.
 * Empty means same-origin only. An entry is an origin, not a URL: no path, query or wildcard.
 */
function corsOrigins(env: Env, requireKeyForReads: boolean): CorsOrigins {
  const origins: string[] = [];
  let anyOrigin = false;
  for (const raw of str(env, 'CORS_ORIGINS', '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry === '*') {
      if (requireKeyForReads) {
        throw new ConfigError(
          'CORS_ORIGINS',
          '"*" is allowed only when reads are public (REQUIRE_API_KEY_FOR_READS=false); list the origins instead',
        );
      }
      anyOrigin = true;
      continue;
    }
    const example = 'expected an origin such as https://app.example or http://localhost:5173';
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new ConfigError('CORS_ORIGINS', `"${entry}" is not an origin; ${example}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError('CORS_ORIGINS', `"${entry}" is not an http or https origin; ${example}`);
    }
    if (
      entry.includes('*') ||
      url.username !== '' ||
      url.password !== '' ||
      url.pathname !== '/' ||
      url.search !== '' ||
      url.hash !== ''
    ) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `"${entry}" is not an origin (no wildcard, path, query or user); ${example}`,
      );
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return { origins, anyOrigin };
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const requireKeyForReads = bool(env, 'REQUIRE_API_KEY_FOR_READS', false);
  return {
    nodeEnv: nodeEnv(env),
    host: str(env, 'HOST', '127.0.0.1'),
    port: int(env, 'PORT', 4000, 0, 65535),
    neo4j: {
      uri: neo4jUri(env),
      user: str(env, 'NEO4J_USER', 'neo4j'),
      password: str(env, 'NEO4J_PASSWORD', ''),
      database: str(env, 'NEO4J_DATABASE', 'neo4j'),
      maxRetryMs: int(env, 'NEO4J_MAX_RETRY_MS', 10_000, 0, 600_000),
      maxConcurrentReads: int(env, 'NEO4J_MAX_CONCURRENT_READS', 16, 0, 10_000),
    },
    seedOnStart: bool(env, 'SEED_ON_START', true),
    limits: {
      maxDepth: int(env, 'MAX_QUERY_DEPTH', 10, 1, 100),
      maxCost: int(env, 'MAX_QUERY_COST', 10_000, 1, 10_000_000),
      maxAliases: int(env, 'MAX_ALIASES', 15, 1, 1000),
      maxBodyBytes: int(env, 'MAX_BODY_BYTES', 100_000, 1024, 50_000_000),
      txTimeoutMs: int(env, 'NEO4J_TX_TIMEOUT_MS', 5000, 100, 600_000),
    },
    rateLimit: {
      ipPerSecond: int(env, 'RATE_LIMIT_IP_PER_SECOND', 100, 0, 1_000_000),
      ipBurst: int(env, 'RATE_LIMIT_IP_BURST', 200, 1, 10_000_000),
      keyPerSecond: int(env, 'RATE_LIMIT_KEY_PER_SECOND', 200, 0, 1_000_000),
      keyBurst: int(env, 'RATE_LIMIT_KEY_BURST', 400, 1, 10_000_000),
      trustProxy: bool(env, 'TRUST_PROXY', false),
    },
    auth: {
      apiKeys: str(env, 'API_KEYS', ''),
      apiKeysFile: env.API_KEYS_FILE ? env.API_KEYS_FILE : null,
      requireKeyForReads,
    },
    persistedQueries: {
      mode: persistedMode(env),
      file: env.PERSISTED_QUERIES_FILE ? env.PERSISTED_QUERIES_FILE : null,
    },
    cors: corsOrigins(env, requireKeyForReads),
  };
}
