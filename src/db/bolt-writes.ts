import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

/**
 * One system call per Bolt flush, where the driver makes one per 1,400 bytes.
 *
 * neo4j-driver (6.3) cuts an outgoing message into 1,400-byte buffers and writes each to the
 * socket as it fills, with no option to change the size. A request whose statement and
 * parameters come to 2 KB (a relation page, a zone's members, a search) goes out in two system
 * calls, partner suggestions (about 21 KB in three statements) in seventeen. Sending them in
 * one call saved 6-7% of the API's CPU per request where a statement spans several pieces
 * (evidence, paths, suggestions; `npm run bench:pair`), and nothing measurable elsewhere: most
 * of what profiles show under socket writes is the loopback's work per request, not per call
 * (docs/development.md, "What a statement sends").
 *
 * The channel's `write` is wrapped so that the first write of a tick corks the socket and the
 * end of the tick uncorks it: Node then hands the kernel every buffer of the flush at once
 * (one `writev`). Nothing is held past the tick in which the driver wrote, and the bytes and
 * their order are the driver's own. The driver's module is found from neo4j-driver itself, so
 * the copy it uses is the one wrapped; a driver whose channel no longer has this shape stops
 * the boot (`BoltWritesError`) rather than running unwrapped without a word.
 */
export class BoltWritesError extends Error {
  constructor(detail: string) {
    super(`cannot coalesce the Bolt socket writes of this neo4j-driver: ${detail}`);
    this.name = 'BoltWritesError';
  }
}

interface NodeChannelLike {
  _conn?: Socket | null;
  _pending?: unknown[] | null;
  write(buffer: unknown): void;
}

const WRAPPED = Symbol.for('zonegraph.coalescedBoltWrites');

const CHANNEL_MODULE = 'neo4j-driver-bolt-connection/lib/channel/node/node-channel.js';

function uncork(socket: Socket): void {
  socket.uncork();
}

/** The prototype of the driver's Node socket channel, as neo4j-driver loads it. */
function channelPrototype(): NodeChannelLike & { [WRAPPED]?: boolean } {
  let loaded: unknown;
  try {
    loaded = createRequire(require.resolve('neo4j-driver'))(CHANNEL_MODULE);
  } catch (error) {
    throw new BoltWritesError(`${CHANNEL_MODULE} not found (${(error as Error).message.split('\n')[0]})`);
  }
  const channel = (loaded as { default?: { prototype?: unknown } }).default ?? loaded;
  const prototype = (channel as { prototype?: NodeChannelLike } | undefined)?.prototype;
  if (prototype === undefined || typeof prototype.write !== 'function') {
    throw new BoltWritesError(`${CHANNEL_MODULE} has no NodeChannel.prototype.write`);
  }
  return prototype;
}

/**
 * Wraps the driver's channel writes once per process (later calls change nothing). Returns
 * true when this call wrapped them.
 */
export function coalesceBoltWrites(): boolean {
  const prototype = channelPrototype();
  if (prototype[WRAPPED] === true) return false;
  const write = prototype.write;
  prototype.write = function coalescedWrite(this: NodeChannelLike, buffer: unknown): void {
    const socket = this._conn;
    // Not yet connected (`_pending`): the driver queues the buffer itself and writes it later.
    if ((this._pending === null || this._pending === undefined) && socket && socket.writableCorked === 0) {
      socket.cork();
      process.nextTick(uncork, socket);
    }
    write.call(this, buffer);
  };
  prototype[WRAPPED] = true;
  return true;
}
