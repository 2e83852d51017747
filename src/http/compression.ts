import type http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { appendVary } from './cors';

/** Bodies shorter than this are sent as they are: compressing them saves less than it costs. */
export const COMPRESSION_MIN_BYTES = 1024;

/** Content codings ZoneGraph sends, best first when a client accepts several equally. */
export type ResponseCoding = 'br' | 'gzip';

/** Content codings ZoneGraph accepts on a request body. */
const REQUEST_DECODERS: Readonly<Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress>> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};
export const ACCEPTED_REQUEST_CODINGS = 'gzip, deflate, br';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * Picks the response coding from `Accept-Encoding` (RFC 9110 §12.5.3): the coding with the
 * highest q-value above 0, brotli before gzip on a tie, `*` standing for any coding not named.
 * Returns null for identity (no header, nothing acceptable, or only codings we do not send).
 * A client that refuses identity too (`identity;q=0`) still gets identity: a 406 helps no one.
 */
export function negotiateCoding(acceptEncoding: string | string[] | undefined): ResponseCoding | null {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!token) continue;
    let q = 1;
    for (const param of params) {
      // A malformed weight (q=abc) makes the entry unusable, as if it were absent.
      if (/^q\s*=/.test(param)) q = /^q\s*=\s*[0-9.]+$/.test(param) ? Number(param.split('=')[1]) : NaN;
    }
    if (!Number.isFinite(q) || q < 0 || q > 1) continue;
    weights.set(token === 'x-gzip' ? 'gzip' : token, q);
  }
  const weightOf = (coding: ResponseCoding): number => weights.get(coding) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).reduce<ResponseCoding | null>(
    (chosen, coding) => (weightOf(coding) > (chosen === null ? 0 : weightOf(chosen)) ? coding : chosen),
    null,
  );
  return best;
}

/** Compresses a whole body in the zlib thread pool (the event loop stays free meanwhile). */
export function compress(body: Buffer, coding: ResponseCoding): Promise<Buffer> {
  if (coding === 'gzip') return gzip(body, { level: 6 });
  // Quality 5 of 11: about gzip's speed with a smaller result; 11 is for static files.
  return brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** Compressed forms of Buffers sent again and again (the IDE's static files), by identity. */
const compressedBuffers = new WeakMap<Buffer, Map<ResponseCoding, Promise<Buffer>>>();

function compressOnce(body: Buffer, coding: ResponseCoding, reuse: boolean): Promise<Buffer> {
  if (!reuse) return compress(body, coding);
  const forms = compressedBuffers.get(body) ?? new Map<ResponseCoding, Promise<Buffer>>();
  compressedBuffers.set(body, forms);
  const known = forms.get(coding) ?? compress(body, coding);
  forms.set(coding, known);
  return known;
}

/**
 * Ends the response with `body`, compressed when it is at least COMPRESSION_MIN_BYTES long and
 * the client accepts gzip or brotli. Buffered, not streamed: the whole answer is already in
 * memory (Apollo serialises a complete result), so it is compressed in one call and sent with
 * a Content-Length. A Buffer body's compressed forms are kept (by identity) for the next time:
 * static files are compressed once. Headers set on `res` are kept; `Vary: Accept-Encoding` is added.
 */
export async function sendBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: string | Buffer,
): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  appendVary(res, 'Accept-Encoding');
  const coding = bytes.length >= COMPRESSION_MIN_BYTES ? negotiateCoding(req.headers['accept-encoding']) : null;
  const out = coding === null ? bytes : await compressOnce(bytes, coding, typeof body !== 'string');
  if (coding !== null) res.setHeader('content-encoding', coding);
  res.setHeader('content-length', out.length);
  res.end(req.method === 'HEAD' ? undefined : out);
}

/** A request body that is refused before it reaches GraphQL, with its HTTP status and error code. */
export class RequestBodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE',
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

/**
 * Reads a request body of at most `limit` bytes, decoding a gzip, deflate or brotli
 * `Content-Encoding`. The limit applies to the decoded body as well as to the bytes received,
 * and reading stops as soon as either passes it, so a small compressed body that inflates to
 * gigabytes (a zip bomb) costs at most `limit` bytes of memory. Another coding is refused with
 * 415 and an `Accept-Encoding` header naming the ones accepted (RFC 7694).
 */
export function readRequestBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const tooLarge = (): RequestBodyError =>
    new RequestBodyError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes.`, {
      connection: 'close',
    });
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(tooLarge());
      return;
    }
    const coding = String(req.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    const makeDecoder = REQUEST_DECODERS[coding];
    if (coding !== 'identity' && coding !== '' && makeDecoder === undefined) {
      reject(
        new RequestBodyError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Encoding "${coding}" is not supported; send the body as it is, or with one of ${ACCEPTED_REQUEST_CODINGS}.`,
          { 'accept-encoding': ACCEPTED_REQUEST_CODINGS, connection: 'close' },
        ),
      );
      return;
    }
    const decoder = makeDecoder?.();
    let settled = false;
    // After a refusal the rest of the body is read and dropped (the 413 says `connection:
    // close`, so the socket closes once the answer is sent); nothing more is kept.
    const fail = (error: RequestBodyError | Error): void => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      reject(error);
    };
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    const collect = (chunk: Buffer): void => {
      if (settled) return;
      decoded += chunk.length;
      if (decoded > limit) fail(tooLarge());
      else chunks.push(chunk);
    };
    const finish = (): void => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      received += chunk.length;
      if (received > limit) fail(tooLarge());
      else if (decoder) decoder.write(chunk);
      else collect(chunk);
    });
    req.on('error', (error) => fail(error));
    if (decoder) {
      decoder.on('data', collect);
      decoder.on('error', () =>
        fail(new RequestBodyError(400, 'BAD_REQUEST', `The request body is not valid ${coding} data.`)),
      );
      decoder.on('end', finish);
      req.on('end', () => {
        if (!settled) decoder.end();
      });
    } else {
      req.on('end', finish);
    }
  });
}
