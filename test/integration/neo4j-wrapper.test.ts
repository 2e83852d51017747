import { spawnSync } from 'node:child_process';
import { launcherPids, ROOT, wrapper } from '../helpers/wrapper';

const HOME = '.neo4j/test-wrapper';

describe('scripts/neo4j.js (the local Neo4j wrapper)', () => {
  afterAll(() => {
    wrapper(['stop', '--home', HOME]);
  });

  test('start, status and stop manage exactly one launcher process', () => {
    const started = wrapper(['start', '--home', HOME, '--fresh']);
    expect(started.status).toBe(0);
    expect(started.stdout.trim()).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    expect(launcherPids(HOME)).toHaveLength(1);

    const status = wrapper(['status', '--home', HOME]);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(started.stdout.trim());

    const again = wrapper(['start', '--home', HOME]);
    expect(again.status).toBe(0);
    expect(launcherPids(HOME)).toHaveLength(1);

    expect(wrapper(['stop', '--home', HOME]).status).toBe(0);
    expect(launcherPids(HOME)).toEqual([]);
    const stopped = wrapper(['status', '--home', HOME]);
    expect(stopped.status).toBe(1);
    expect(stopped.stdout.trim()).toBe('stopped');
  });

  test('run gives the command a reachable NEO4J_URI, stops the database after a failing command and returns its exit code', () => {
    const probe =
      "const n=require('neo4j-driver');const d=n.driver(process.env.NEO4J_URI);" +
      'd.verifyConnectivity().then(()=>d.close()).then(()=>process.exit(7),()=>process.exit(99))';
    const result = wrapper(['run', '--home', HOME, '--', process.execPath, '-e', probe]);
    expect(result.status).toBe(7);
    expect(launcherPids(HOME)).toEqual([]);
  });

  test('run reports a command that cannot be started and still stops the database', () => {
    const result = wrapper(['run', '--home', HOME, '--', '/nonexistent/command']);
    expect(result.status).toBe(127);
    expect(launcherPids(HOME)).toEqual([]);
  });

  test('with NEO4J_URI set, run starts nothing and passes the command through', () => {
    const external = spawnSync(
      process.execPath,
      [
        'scripts/neo4j.js',
        'run',
        '--home',
        HOME,
        '--',
        'sh',
        '-c',
        'test "$NEO4J_URI" = bolt://example.invalid:1 && exit 3',
      ],
      { cwd: ROOT, env: { ...process.env, NEO4J_URI: 'bolt://example.invalid:1' }, encoding: 'utf8' },
    );
    expect(external.status).toBe(3);
    expect(external.stderr).toContain('starting no local database');
    expect(launcherPids(HOME)).toEqual([]);
  });
});
