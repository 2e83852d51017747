/**
 * Test-only knowledge of Neo4j 5's bookmark encoding, to make a bookmark of a transaction the
 * database has not committed yet: "FB:" + base64 of PackStream bytes
 * `91 CC 10 <16-byte database id> <transaction id> …`. The application never looks inside a
 * bookmark; a test does, to show that a read really waits for the transaction it names.
 */
function readInt(bytes: Buffer, at: number): { value: bigint; size: number } {
  const marker = bytes[at] as number;
  if (marker < 0x80) return { value: BigInt(marker), size: 1 };
  if (marker === 0xc8) return { value: BigInt(bytes.readInt8(at + 1)), size: 2 };
  if (marker === 0xc9) return { value: BigInt(bytes.readInt16BE(at + 1)), size: 3 };
  if (marker === 0xca) return { value: BigInt(bytes.readInt32BE(at + 1)), size: 5 };
  if (marker === 0xcb) return { value: bytes.readBigInt64BE(at + 1), size: 9 };
  throw new Error(`not a PackStream integer marker: 0x${marker.toString(16)}`);
}

function writeInt(value: bigint): Buffer {
  if (value < 0x80n) return Buffer.from([Number(value)]);
  const out = Buffer.alloc(9);
  out[0] = 0xcb;
  out.writeBigInt64BE(value, 1);
  return out;
}

const PREFIX = 'FB:';
const HEAD = Buffer.from([0x91, 0xcc, 0x10]);

/** The transaction id a bookmark names. */
export function bookmarkTransaction(bookmark: string): bigint {
  const bytes = decode(bookmark);
  return readInt(bytes, HEAD.length + 16).value;
}

/** A bookmark of the same database `ahead` transactions later than `bookmark`. */
export function bookmarkAhead(bookmark: string, ahead: number): string {
  const bytes = decode(bookmark);
  const at = HEAD.length + 16;
  const { value, size } = readInt(bytes, at);
  const next = Buffer.concat([bytes.subarray(0, at), writeInt(value + BigInt(ahead)), bytes.subarray(at + size)]);
  return `${PREFIX}${next.toString('base64')}`;
}

function decode(bookmark: string): Buffer {
  if (!bookmark.startsWith(PREFIX)) throw new Error(`not a Neo4j 5 bookmark: ${bookmark}`);
  const bytes = Buffer.from(bookmark.slice(PREFIX.length), 'base64');
  if (!bytes.subarray(0, HEAD.length).equals(HEAD) || bytes.length < HEAD.length + 17) {
    throw new Error(`unknown bookmark layout (a Neo4j other than 5.26?): ${bytes.toString('hex')}`);
  }
  return bytes;
}
