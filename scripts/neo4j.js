#!/usr/bin/env node
/*
 * The local Neo4j wrapper: start | stop | status | run -- <command...>
 *
 * It exists so that `npm start` and `npm test` work on a machine without Docker: it builds
 * the embedded Neo4j launcher in tools/neo4j-embedded with Maven when needed, starts it on a
 * free loopback port, waits until Bolt answers, and stops only the process it started.
 * When NEO4J_URI is set, the user brings their own Neo4j and this script starts nothing.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const LAUNCHER_DIR = path.join(ROOT, 'tools', 'neo4j-embedded');
const CLASSES_DIR = path.join(LAUNCHER_DIR, 'target', 'classes');
const CLASSPATH_FILE = path.join(LAUNCHER_DIR, 'target', 'classpath.txt');
const MAIN_CLASS = 'zonegraph.EmbeddedNeo4j';
const START_TIMEOUT_MS = Number(process.env.NEO4J_START_TIMEOUT_MS || 120000);
const STOP_TIMEOUT_MS = 30000;

function log(message) {
  process.stderr.write(`[neo4j] ${message}\n`);
}

function fail(message, code = 1) {
  log(message);
  process.exit(code);
}

/** Parses `[--home DIR] [--fresh] [--port N] command [-- child...]`. */
function parseArgs(argv) {
  const options = { home: process.env.NEO4J_HOME_DIR || '.neo4j/local', fresh: false, port: undefined };
  const rest = [];
  let child = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') {
      child = argv.slice(i + 1);
      break;
    } else if (arg === '--home') {
      options.home = argv[(i += 1)];
    } else if (arg === '--fresh') {
      options.fresh = true;
    } else if (arg === '--port') {
      options.port = Number(argv[(i += 1)]);
    } else {
      rest.push(arg);
    }
  }
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) {
    fail(`--port must be an integer between 1 and 65535`, 2);
  }
  options.home = path.resolve(ROOT, options.home);
  return { command: rest[0], options, child };
}

function statePaths(home) {
  return {
    pidFile: path.join(home, 'neo4j.pid'),
    stateFile: path.join(home, 'state.json'),
    logFile: path.join(home, 'launcher.log'),
  };
}

function which(binary) {
  const result = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function requireTools() {
  const missing = ['java', 'mvn'].filter((tool) => !which(tool));
  if (missing.length > 0) {
    fail(
      `${missing.join(' and ')} not found. The built-in Neo4j needs Java 17+ and Maven 3.8+ ` +
        `(Debian/Ubuntu: apt-get install openjdk-17-jdk-headless maven). ` +
        `Alternatives: run "docker compose up" to use the Neo4j container, or set ` +
        `NEO4J_URI=bolt://host:7687 to use a Neo4j you already run.`,
      3,
    );
  }
}

function newestMtime(paths) {
  return Math.max(...paths.map((p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0)));
}

/** Builds the launcher when its class or classpath file is missing or older than its sources. */
function ensureBuilt() {
  const sources = [
    path.join(LAUNCHER_DIR, 'pom.xml'),
    path.join(LAUNCHER_DIR, 'src', 'main', 'java', 'zonegraph', 'EmbeddedNeo4j.java'),
  ];
  const built = path.join(CLASSES_DIR, 'zonegraph', 'EmbeddedNeo4j.class');
  const upToDate =
    fs.existsSync(built) &&
    fs.existsSync(CLASSPATH_FILE) &&
    Math.min(fs.statSync(built).mtimeMs, fs.statSync(CLASSPATH_FILE).mtimeMs) >= newestMtime(sources);
  if (upToDate) return;
  requireTools();
  log('building the embedded Neo4j launcher with Maven (the first run downloads Neo4j from Maven Central)...');
  const result = spawnSync(
    'mvn',
    ['-B', '-q', 'compile', 'dependency:build-classpath', `-Dmdep.outputFile=${CLASSPATH_FILE}`],
    { cwd: LAUNCHER_DIR, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (result.status !== 0) fail(`Maven build of tools/neo4j-embedded failed (exit ${result.status})`, 3);
  // Maven leaves a file it did not need to change untouched (the classpath file, when only the
  // Java source changed): mark both as built now, or every start would build again.
  const now = new Date();
  for (const file of [built, CLASSPATH_FILE]) fs.utimesSync(file, now, now);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when `pid` is a launcher of ours for this home: we never signal anybody else's process. */
function isOurLauncher(pid, home) {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes(MAIN_CLASS) && cmdline.includes(`-Dzonegraph.home=${home}`);
  } catch {
    return isAlive(pid) && process.platform !== 'linux';
  }
}

function readState(home) {
  const { stateFile } = statePaths(home);
  if (!fs.existsSync(stateFile)) return null;
  try {
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    return state.pid && isOurLauncher(state.pid, home) ? state : null;
  } catch {
    return null;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function verifyConnectivity(uri) {
  const neo4j = require('neo4j-driver');
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'unused'), { logging: undefined });
  try {
    await driver.verifyConnectivity();
  } finally {
    await driver.close();
  }
}

/**
 * Starts the launcher detached, waits for its READY line and for Bolt, and records its pid.
 * With `watch.parentPid`, the launcher stops by itself when that process is gone (the `run`
 * wrapper killed with SIGKILL leaves no database behind); `watch.aborted()` true stops the wait
 * and the launcher (a stop asked for while Neo4j is starting).
 */
async function start(options, watch = {}) {
  const existing = readState(options.home);
  if (existing) {
    log(`already running (pid ${existing.pid}) at ${existing.uri}`);
    return { state: existing, startedHere: false };
  }
  ensureBuilt();
  requireTools();
  if (options.fresh && fs.existsSync(options.home)) {
    fs.rmSync(options.home, { recursive: true, force: true });
  }
  fs.mkdirSync(options.home, { recursive: true });
  const port = options.port || Number(process.env.NEO4J_BOLT_PORT || 0) || (await freePort());
  const { pidFile, stateFile, logFile } = statePaths(options.home);
  const classpath = `${CLASSES_DIR}${path.delimiter}${fs.readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
  const javaArgs = [
    `-Xmx${process.env.NEO4J_HEAP || '1g'}`,
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    `-Dzonegraph.home=${options.home}`,
    `-Dzonegraph.port=${port}`,
    `-Dzonegraph.pagecache=${process.env.NEO4J_PAGECACHE || '256m'}`,
    ...(watch.parentPid ? [`-Dzonegraph.parentPid=${watch.parentPid}`] : []),
    '-cp',
    classpath,
    MAIN_CLASS,
  ];
  const out = fs.openSync(logFile, 'w');
  const child = spawn('java', javaArgs, { detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.unref();
  fs.writeFileSync(pidFile, `${child.pid}\n`);
  const uri = `bolt://127.0.0.1:${port}`;
  log(`starting Neo4j 5.26 (pid ${child.pid}, home ${path.relative(ROOT, options.home) || '.'}, ${uri})...`);

  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = signal || code;
  });
  while (Date.now() < deadline) {
    if (exited !== null) break;
    if (watch.aborted && watch.aborted()) break;
    if (fs.readFileSync(logFile, 'utf8').includes('READY ')) break;
    await sleep(250);
  }
  if (watch.aborted && watch.aborted()) {
    log('stop requested while Neo4j was starting: stopping it');
    await terminate(child.pid);
    fs.rmSync(pidFile, { force: true });
    return { state: null, startedHere: true };
  }
  if (exited !== null || !fs.readFileSync(logFile, 'utf8').includes('READY ')) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    if (isAlive(child.pid)) process.kill(child.pid, 'SIGKILL');
    fs.rmSync(pidFile, { force: true });
    fail(
      `Neo4j did not become ready (${exited !== null ? `exited: ${exited}` : 'timed out'}). Last log lines:\n${tail}`,
      4,
    );
  }
  await verifyConnectivity(uri);
  const state = { pid: child.pid, port, uri, home: options.home, startedAt: new Date().toISOString() };
  fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  log(`ready at ${uri}`);
  return { state, startedHere: true };
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
async function terminate(pid) {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) {
    log(`pid ${pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000}s; sending SIGKILL`);
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
}

/** Stops the launcher recorded for this home, SIGTERM first and SIGKILL after a grace period. */
async function stop(options) {
  const { pidFile, stateFile } = statePaths(options.home);
  const state = readState(options.home);
  if (!state) {
    fs.rmSync(stateFile, { force: true });
    fs.rmSync(pidFile, { force: true });
    log('not running');
    return;
  }
  await terminate(state.pid);
  fs.rmSync(stateFile, { force: true });
  fs.rmSync(pidFile, { force: true });
  log(`stopped (pid ${state.pid})`);
}

function status(options) {
  if (process.env.NEO4J_URI) {
    process.stdout.write(`external ${process.env.NEO4J_URI}\n`);
    return 0;
  }
  const state = readState(options.home);
  if (!state) {
    process.stdout.write('stopped\n');
    return 1;
  }
  process.stdout.write(`running pid=${state.pid} ${state.uri}\n`);
  return 0;
}

/**
 * Runs a command against Neo4j, always stopping a database it started, and exits with the
 * command's code. It is what `npm start` runs (through `exec`, so the signals npm, systemd, pm2
 * or a container runtime send reach it): SIGTERM or SIGINT is passed to the command, which
 * drains its requests and exits, and then the database is stopped; a signal that comes while
 * Neo4j is still starting stops it instead of leaving it running. SIGHUP is passed on (the
 * server re-reads its API keys). The database also watches this process and stops by itself
 * if the wrapper is killed outright.
 */
async function run(options, child) {
  if (child.length === 0) fail('usage: neo4j.js run [--home DIR] [--fresh] -- <command> [args...]', 2);
  let proc = null;
  let received = null;
  let started = null;
  const onSignal = (signal) => {
    if (signal === 'SIGHUP') {
      if (proc && proc.exitCode === null) proc.kill('SIGHUP');
      return;
    }
    if (received !== null) return;
    received = signal;
    log(
      `${signal} received: stopping ${proc ? child[0] : 'the start'}${process.env.NEO4J_URI ? '' : ' and the local Neo4j'}`,
    );
    if (proc && proc.exitCode === null) proc.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));
  const signalCode = (signal) => 128 + (require('node:os').constants.signals[signal] || 0);

  const env = { ...process.env };
  if (!process.env.NEO4J_URI) {
    started = await start(options, { parentPid: process.pid, aborted: () => received !== null });
    if (received !== null) {
      if (started.startedHere && started.state) await stop(options);
      process.exit(signalCode(received));
    }
    env.NEO4J_URI = started.state.uri;
  } else {
    log(`NEO4J_URI is set (${process.env.NEO4J_URI}); starting no local database`);
  }
  // The command may watch this pid (the server does): if the wrapper is killed outright, the
  // server stops too instead of answering without a database.
  env.ZONEGRAPH_WRAPPER_PID = String(process.pid);
  proc = spawn(child[0], child.slice(1), { stdio: 'inherit', env, shell: false });
  const code = await new Promise((resolve) => {
    proc.on('error', (error) => {
      log(`could not run ${child[0]}: ${error.message}`);
      resolve(127);
    });
    proc.on('exit', (exitCode, signal) => {
      resolve(exitCode !== null ? exitCode : signalCode(signal));
    });
  });
  if (started && started.startedHere) await stop(options);
  process.exit(code);
}

async function main() {
  const { command, options, child } = parseArgs(process.argv.slice(2));
  switch (command) {
    case 'start':
      if (process.env.NEO4J_URI) {
        log(`NEO4J_URI is set (${process.env.NEO4J_URI}); nothing to start`);
        return;
      }
      {
        const { state } = await start(options);
        process.stdout.write(`${state.uri}\n`);
      }
      return;
    case 'stop':
      await stop(options);
      return;
    case 'status':
      process.exit(status(options));
      return;
    case 'run':
      await run(options, child);
      return;
    default:
      fail('usage: neo4j.js <start|stop|status|run> [--home DIR] [--fresh] [--port N] [-- command...]', 2);
  }
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
