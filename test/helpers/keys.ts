import { hashKey } from '../../src/auth/api-keys';

/** One key per role, configured the way an operator would: only hashes in API_KEYS. */
export const KEYS = { reader: 'test-reader-key', editor: 'test-editor-key', admin: 'test-admin-key' } as const;

export const API_KEYS = Object.entries(KEYS)
  .map(([role, key]) => `${role}-key:${role}:${hashKey(key)}`)
  .join(',');

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
