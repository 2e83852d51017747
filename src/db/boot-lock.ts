import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Executor } from './executor';

export interface RunOnceOptions {
  /** The boot step, e.g. `migrations` or `seed`: one lease each. */
  readonly name: string;
  readonly log: (line: string) => void;
  /** How long a lease lasts unless renewed; a process that dies holding it frees it after this. */
  readonly leaseMs?: number;
  /** How often a waiting process asks again. */
  readonly pollMs?: number;
}

/**
 * Timeout of the lease statements. They are tiny, but at boot they are planned for the first
 * time, and the lease's constraint may wait behind another process's schema change.
 */
const LEASE_TX = { timeoutMs: 120_000, changesGraph: false };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Who holds a lease, as written in the BootLock node and in the waiting processes' logs. */
function holderId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * Runs a boot step (migrations, the first seed) in one process at a time across every replica
 * of a database, and only when `needed()` says it is still to be done. Replicas started
 * together do not race: one takes the step's lease (a BootLock node) and works, renewing the
 * lease; the others wait, then ask `needed()` again and find the work done. When nothing is
 * needed, which is every start but the first after an upgrade, this only reads.
 *
 * A lease that is not renewed (its holder died) expires after `leaseMs`, and a waiting
 * process takes it over; the step itself must therefore be safe to run again from the start,
 * as migrations (IF NOT EXISTS, MERGE) and the ledgered seed are.
 */
export async function runOnce<T>(
  executor: Executor,
  needed: () => Promise<boolean>,
  work: () => Promise<T>,
  options: RunOnceOptions,
): Promise<T | null> {
  if (!(await needed())) return null;
  const { name, log } = options;
  const leaseMs = options.leaseMs ?? 120_000;
  const holder = holderId();
  await executor.write('boot/lock-constraint', {}, { timeoutMs: 600_000, changesGraph: false });
  let waited = false;
  for (;;) {
    const [row] = await executor.write('boot/lock-acquire', { name, holder, leaseMs }, LEASE_TX);
    if (row?.holder === holder) break;
    if (!waited)
      log(`${name}: waiting for ${String(row?.holder)} to finish (its lease ends ${String(row?.expiresAt)})`);
    waited = true;
    await sleep(options.pollMs ?? 1000);
  }
  const renewal = setInterval(() => {
    executor.write('boot/lock-acquire', { name, holder, leaseMs }, LEASE_TX).catch(() => undefined);
  }, leaseMs / 3);
  try {
    // The acquiring transaction came after the previous holder's release, and this executor's
    // bookmark chain makes the check below read at least that far, on any cluster member.
    if (!(await needed())) {
      log(`${name}: done by another process`);
      return null;
    }
    return await work();
  } finally {
    clearInterval(renewal);
    await executor.write('boot/lock-release', { name, holder }, LEASE_TX).catch(() => undefined);
  }
}
