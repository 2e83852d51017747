import type { Caller } from './auth/api-keys';
import type { Executor } from './db/executor';
import type { Loaders } from './entities/loaders';

/**
 * What every resolver receives. A new context, and so a new set of DataLoaders, is built for
 * every request: caches never outlive the request that filled them.
 */
export interface RequestContext {
  readonly executor: Executor;
  readonly loaders: Loaders;
  readonly requestId: string;
  /** Who is asking: a role from a verified API key, or anonymous. */
  readonly caller: Caller;
}
