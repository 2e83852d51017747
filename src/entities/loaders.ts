import type { Executor } from '../db/executor';

/** The per-request DataLoaders; see createLoaders. */
export type Loaders = Record<string, never>;

/** Builds a fresh set of loaders for one request. */
export function createLoaders(_executor: Executor): Loaders {
  return {};
}
