import { loadConfig } from '../../src/config';

const base = { NEO4J_URI: 'bolt://localhost:7687' };

describe('CORS_ORIGINS', () => {
  test('is empty by default: same-origin only', () => {
    expect(loadConfig(base).cors).toEqual({ origins: [], anyOrigin: false });
  });

  test('takes comma-separated origins, written as browsers send them (default port and trailing slash dropped)', () => {
    const cors = loadConfig({
      ...base,
      CORS_ORIGINS: ' https://App.Example.com:443/ , http://localhost:5173,http://localhost:5173',
    }).cors;
    expect(cors).toEqual({ origins: ['https://app.example.com', 'http://localhost:5173'], anyOrigin: false });
  });

  test('"*" (alone or with origins) means key-less reads from any origin, when reads are public', () => {
    expect(loadConfig({ ...base, CORS_ORIGINS: '*' }).cors).toEqual({ origins: [], anyOrigin: true });
    expect(loadConfig({ ...base, CORS_ORIGINS: '*,https://editor.example' }).cors).toEqual({
      origins: ['https://editor.example'],
      anyOrigin: true,
    });
  });

  test('"*" is refused when reads need a key, naming the variable and what to do', () => {
    expect(() => loadConfig({ ...base, CORS_ORIGINS: '*', REQUIRE_API_KEY_FOR_READS: 'true' })).toThrow(
      /Invalid CORS_ORIGINS: "\*" is allowed only when reads are public \(REQUIRE_API_KEY_FOR_READS=false\)/,
    );
    // Listed origins are fine with keys required.
    expect(
      loadConfig({ ...base, CORS_ORIGINS: 'https://app.example', REQUIRE_API_KEY_FOR_READS: 'true' }).cors.origins,
    ).toEqual(['https://app.example']);
  });

  test.each([
    ['app.example.com'],
    ['null'],
    ['ftp://files.example'],
    ['https://app.example/graphql'],
    ['https://app.example?x=1'],
    ['https://*.example.com'],
    ['https://user:pw@app.example'],
  ])('refuses %p, naming CORS_ORIGINS', (value) => {
    expect(() => loadConfig({ ...base, CORS_ORIGINS: value })).toThrow(/^Invalid CORS_ORIGINS: /);
  });
});
