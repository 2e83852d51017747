import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { compress, negotiateCoding } from '../../src/http/compression';

describe('Accept-Encoding negotiation', () => {
  test.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['gzip;q=0, br;q=0', null],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['gzip;q=0, *', 'br'],
    ['deflate', null],
    ['GZIP;Q=1.0', 'gzip'],
    ['gzip;q=2', null],
    ['gzip;q=abc, br;q=0.2', 'br'],
    [['gzip', 'br;q=0.9'], 'gzip'],
  ])('%p → %p', (header, coding) => {
    expect(negotiateCoding(header)).toBe(coding);
  });
});

describe('compress', () => {
  const text = Buffer.from(
    JSON.stringify({ data: { names: Array.from({ length: 500 }, (_, i) => `上党经开区 ${i}`) } }),
  );

  test('gzip and brotli round-trip byte for byte and are smaller than the input', async () => {
    const gz = await compress(text, 'gzip');
    const br = await compress(text, 'br');
    expect(gunzipSync(gz).equals(text)).toBe(true);
    expect(brotliDecompressSync(br).equals(text)).toBe(true);
    expect(gz.length).toBeLessThan(text.length / 3);
    expect(br.length).toBeLessThan(text.length / 3);
  });
});
