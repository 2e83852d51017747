/*
 * Checks docker-compose.yml two ways:
 *  - structurally, always: a small indentation-based reader (no YAML parser is a dependency of
 *    this project) pulls out the few values the stack relies on;
 *  - with Docker Compose itself, when it is installed: `docker compose config -q` must accept
 *    the file. Where Compose is missing that test is registered as skipped, never as passed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { blockAt, environmentOf, findCompose, readLines, scalarIn } from '../helpers/compose';

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

const compose = findCompose();
const composeTest = compose ? test : test.skip;

describe('docker-compose.yml', () => {
  const lines = readLines(readFileSync(COMPOSE_FILE, 'utf8'));

  test('neo4j runs an exact 5.26 community patch release', () => {
    expect(scalarIn(blockAt(lines, ['services', 'neo4j']), 'image')).toMatch(/^neo4j:5\.26\.\d+-community$/);
  });

  test('neo4j takes its password from the environment, with no committed default', () => {
    expect(environmentOf(lines, 'neo4j').get('NEO4J_AUTH')).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD:\?[^}]*\}$/);
  });

  test('neo4j has a healthcheck', () => {
    expect(blockAt(lines, ['services', 'neo4j', 'healthcheck', 'test'])).toBeDefined();
  });

  test('app waits for a healthy neo4j', () => {
    expect(scalarIn(blockAt(lines, ['services', 'app', 'depends_on', 'neo4j']), 'condition')).toBe('service_healthy');
  });

  test('app connects to the neo4j service over Bolt', () => {
    const env = environmentOf(lines, 'app');
    expect(env.get('NEO4J_URI')).toMatch(/^(bolt|neo4j):\/\/neo4j:7687$/);
    expect(env.get('NEO4J_PASSWORD')).toMatch(/^\$\{NEO4J_PASSWORD[:?}]/);
  });

  composeTest(`is accepted by \`${(compose ?? ['docker', 'compose']).join(' ')} config -q\``, () => {
    const [command, ...args] = compose!;
    const result = spawnSync(command!, [...args, '-f', COMPOSE_FILE, 'config', '-q'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30000,
      env: { ...process.env, NEO4J_PASSWORD: 'compose-config-check-only' },
    });
    // One string, so that a failure prints Compose's own message next to the status.
    const error = result.error ? ` (${result.error.message})` : '';
    expect(`exit status ${String(result.status)}${error}\n${result.stderr}`).toMatch(/^exit status 0\n/);
  });
});
