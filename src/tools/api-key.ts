import { hashKey, newKey, ROLES, type Role } from '../auth/api-keys';

/**
 * `npm run key:new -- <name> <role>`: prints a new random API key once, and the line to put in
 * API_KEYS or API_KEYS_FILE (which stores only its sha256). The key itself is not stored anywhere.
 */
const [name, role] = process.argv.slice(2);
if (!name || !/^[A-Za-z0-9_.-]+$/.test(name) || !role || !(ROLES as readonly string[]).includes(role)) {
  process.stderr.write(`usage: npm run key:new -- <name> <${ROLES.join('|')}>\n`);
  process.exit(2);
}
const key = newKey();
process.stdout.write(`key (give it to the client; it is not shown again): ${key}\n`);
process.stdout.write(`API_KEYS entry: ${name}:${role as Role}:${hashKey(key)}\n`);
