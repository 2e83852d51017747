/*
 * Checks docker-compose.scale.yml (two API replicas behind a proxy on one Neo4j) as
 * docker-compose.yml is checked: structurally always, and with `docker compose config -q`
 * where Compose is installed (otherwise that test is registered as skipped, never as passed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { blockAt, environmentOf, findCompose, listItems, readLines, scalarIn, serviceNames } from '../helpers/compose';

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.scale.yml');

const compose = findCompose();
const composeTest = compose ? test : test.skip;

describe('docker-compose.scale.yml', () => {
  const lines = readLines(readFileSync(COMPOSE_FILE, 'utf8'));
  const service = (name: string) => blockAt(lines, ['services', name]);
  const replicas = serviceNames(lines).filter((name) => /^api-\d+$/.test(name));

  test('runs neo4j, a migration job, two or more API replicas and a proxy', () => {
    expect(replicas.length).toBeGreaterThanOrEqual(2);
    expect(serviceNames(lines).sort()).toEqual(['migrate', 'neo4j', 'proxy', ...replicas].sort());
  });

  test('neo4j runs an exact 5.26 community patch release, its password from the environment with no default', () => {
    expect(scalarIn(service('neo4j'), 'image')).toMatch(/^neo4j:5\.26\.\d+-community$/);
    expect(environmentOf(lines, 'neo4j').get('NEO4J_AUTH')).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD:\?[^}]*\}$/);
    expect(blockAt(lines, ['services', 'neo4j', 'healthcheck', 'test'])).toBeDefined();
  });

  test('the migration job runs `migrate` once, after neo4j is healthy, on the image the replicas run', () => {
    expect(scalarIn(service('migrate'), 'command')).toMatch(/dist\/src\/tools\/migrate\.js/);
    expect(scalarIn(service('migrate'), 'restart')).toBe('no');
    expect(scalarIn(blockAt(lines, ['services', 'migrate', 'depends_on', 'neo4j']), 'condition')).toBe(
      'service_healthy',
    );
    expect(blockAt(lines, ['services', 'migrate', 'build'])).toBeDefined();
    for (const replica of replicas)
      expect(scalarIn(service(replica), 'image')).toBe(scalarIn(service('migrate'), 'image'));
  });

  test('every replica is configured alike, routes through neo4j://, starts after the migration job and is probed on /readyz', () => {
    const first = environmentOf(lines, replicas[0] as string);
    for (const replica of replicas) {
      const env = environmentOf(lines, replica);
      // Stateless replicas: the same configuration (keys included), nothing per replica.
      expect(Object.fromEntries(env)).toEqual(Object.fromEntries(first));
      expect(env.get('NEO4J_URI')).toBe('neo4j://neo4j:7687');
      expect(env.get('NEO4J_PASSWORD')).toMatch(/^\$\{NEO4J_PASSWORD[:?}]/);
      expect(env.get('HOST')).toBe('0.0.0.0');
      expect(scalarIn(blockAt(lines, ['services', replica, 'depends_on', 'neo4j']), 'condition')).toBe(
        'service_healthy',
      );
      expect(scalarIn(blockAt(lines, ['services', replica, 'depends_on', 'migrate']), 'condition')).toBe(
        'service_completed_successfully',
      );
      const probe = listItems(blockAt(lines, ['services', replica, 'healthcheck', 'test'])).join(' ');
      expect(probe).toContain(`127.0.0.1:${env.get('PORT') ?? ''}/readyz`);
      // Only the proxy is reachable from outside.
      expect(blockAt(lines, ['services', replica, 'ports'])).toBeUndefined();
    }
    expect(environmentOf(lines, 'migrate').get('NEO4J_URI')).toBe('neo4j://neo4j:7687');
  });

  test('the proxy publishes port 4000, waits for healthy replicas and balances over exactly them', () => {
    expect(listItems(blockAt(lines, ['services', 'proxy', 'ports']))).toEqual(['4000:4000']);
    for (const replica of replicas) {
      expect(scalarIn(blockAt(lines, ['services', 'proxy', 'depends_on', replica]), 'condition')).toBe(
        'service_healthy',
      );
    }
    const mounts = listItems(blockAt(lines, ['services', 'proxy', 'volumes']));
    const config = mounts.find((mount) => mount.endsWith(':/etc/nginx/nginx.conf:ro'));
    expect(config).toBeDefined();
    const file = path.join(ROOT, (config as string).split(':')[0] as string);
    expect(existsSync(file)).toBe(true);
    const nginx = readFileSync(file, 'utf8').replace(/#.*$/gm, '');
    const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(nginx);
    expect(upstream).not.toBeNull();
    const servers = [...(upstream?.[2] ?? '').matchAll(/^\s*server\s+([^\s;]+)/gm)].map((m) => m[1]);
    expect(servers.sort()).toEqual(replicas.map((replica) => `${replica}:4000`).sort());
    expect(nginx).toMatch(new RegExp(`proxy_pass\\s+http://${upstream?.[1] ?? ''};`));
    expect(nginx).toMatch(/listen\s+4000;/);
  });

  composeTest(`is accepted by \`${(compose ?? ['docker', 'compose']).join(' ')} config -q\``, () => {
    const [command, ...args] = compose!;
    const result = spawnSync(command!, [...args, '-f', COMPOSE_FILE, 'config', '-q'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30000,
      env: { ...process.env, NEO4J_PASSWORD: 'compose-config-check-only' },
    });
    const error = result.error ? ` (${result.error.message})` : '';
    expect(`exit status ${String(result.status)}${error}\n${result.stderr}`).toMatch(/^exit status 0\n/);
  });
});
