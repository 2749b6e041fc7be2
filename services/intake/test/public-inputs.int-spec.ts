// Property-based fuzzing of intake's public inputs (fast-check, against the real app): whatever a
// caller sends, the answer is never a 5xx, and a refused request stores and publishes nothing.
// A failure prints fast-check's seed and the shrunk input; `FUZZ_RUNS` raises the number of runs.
import { request } from 'node:http';
import fc from 'fast-check';
import { alertBody, countRows, KEYS, publishedSoFar, startIntake, type IntakeHarness } from './intake.harness.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h?.close());

/** A raw request: the path and body go on the wire as given (no client-side normalising). */
function send(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const stored = async () => ({ alerts: await countRows(h, 'alerts'), incidents: await countRows(h, 'incidents') });

/** Runs `make` on fuzzed input: never a 5xx, and nothing stored unless the request was accepted. */
async function answers(response: () => Promise<{ status: number; text: string }>, accepted: (status: number) => boolean): Promise<void> {
  const before = await stored();
  const res = await response();
  if (res.status >= 500) throw new Error(`answered ${res.status}: ${res.text.slice(0, 300)}`);
  if (!accepted(res.status)) expect(await stored()).toEqual(before);
}

/** Strings with what breaks parsers and databases: NUL and other controls, lone surrogates, quotes, backslashes, %-signs, deep brackets. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\udfff x', "'; DROP TABLE intake.alerts; --", '\\', '"', '%', '%ZZ', '%C3%28', '%00', '{'.repeat(50), '[]', '1e400', '-0', '2026-02-30T10:00:00Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z'),
);
const anyValue = fc.oneof(nasty, fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.double(), fc.integer(), fc.boolean());
const FIELDS = ['channel', 'externalId', 'reportedAt', 'typeCode', 'description', 'caller', 'location', 'attributes', 'media'];
const NESTED = ['caller.name', 'caller.phone', 'location.address', 'location.lat', 'location.lng', 'location.gridCode', 'media.0.url', 'media.0.type'];

/** A valid body with some of its fields replaced, removed, or joined by unknown ones. */
const mutatedBody = fc
  .record({
    replace: fc.dictionary(fc.constantFrom(...FIELDS, ...NESTED), anyValue, { maxKeys: 3 }),
    remove: fc.subarray(FIELDS, { maxLength: 2 }),
    extra: fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 2 }),
  })
  .map(({ replace, remove, extra }) => {
    const body = alertBody({ media: [{ url: 'https://x.test/a.jpg', type: 'image' }] }) as Record<string, unknown>;
    for (const [path, value] of Object.entries(replace)) {
      const keys = path.split('.');
      let at = body as Record<string, unknown>;
      for (const k of keys.slice(0, -1)) {
        if (typeof at[k] !== 'object' || at[k] === null) at[k] = {}; // (a field replaced by a scalar before)
        at = at[k] as Record<string, unknown>;
      }
      at[keys.at(-1)!] = value;
    }
    for (const k of remove) delete body[k];
    return { ...body, ...extra };
  });

/** Nesting of `depth` levels, as arrays or objects, inside an otherwise valid body. */
const deepBody = fc.record({ depth: fc.integer({ min: 10, max: 20_000 }), kind: fc.constantFrom('array', 'object') }).map(({ depth, kind }) => {
  const inner = kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  return JSON.stringify(alertBody()).replace('"description"', `"attributes":{"deep":${inner}},"description"`);
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const json = { 'content-type': 'application/json', 'x-channel-key': KEYS['110'] };

/** Query-string text: parameter names and values, %-encoded well or badly. */
const queryText = fc
  .array(fc.tuple(fc.constantFrom('channel', 'gridCode', 'since', 'until', 'cursor', 'limit', 'x', 'service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'locale'), nasty), { maxLength: 4 })
  .chain((pairs) =>
    fc.constantFrom('encoded', 'raw').map((how) =>
      pairs.map(([k, v]) => `${k}=${how === 'encoded' ? encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '?')) : v.replace(/[^\x21-\x7e]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').slice(-2)}`)}`).join('&'),
    ),
  );

describe('intake under fuzzed input: never a 5xx, nothing stored for a refused request', () => {
  it('POST /v1/alerts with mutated JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody, async (body) => answers(() => send('POST', '/v1/alerts', JSON.stringify(body), json), (s) => s === 202)),
      { numRuns: RUNS },
    );
  });

  it('POST /v1/alerts with deeply nested JSON', async () => {
    await fc.assert(
      fc.asyncProperty(deepBody, async (text) => answers(() => send('POST', '/v1/alerts', text, json), (s) => s === 202)),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });

  it('POST /v1/alerts with arbitrary bytes (invalid UTF-8 among them) as JSON', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => Buffer.concat([Buffer.from(JSON.stringify(alertBody()).slice(0, -2)), Buffer.from([0xc3, ...b]), Buffer.from('"}')])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (body) => answers(() => send('POST', '/v1/alerts', body, json), (s) => s === 202)),
      { numRuns: RUNS },
    );
  });

  it('GET /v1/alerts with fuzzed query strings and cursors, and /v1/alerts/{id}, /v1/incidents/{id} with fuzzed ids', async () => {
    const cursor = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.tuple(nasty, nasty)).map((v) => `cursor=${Buffer.from(JSON.stringify(v)).toString('base64url')}`);
    const id = nasty.map((v) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '?')));
    await fc.assert(
      fc.asyncProperty(fc.oneof(queryText.map((q) => `/v1/alerts?${q}`), cursor.map((c) => `/v1/alerts?${c}`), id.map((i) => `/v1/alerts/${i}`), id.map((i) => `/v1/incidents/${i}`)), async (path) =>
        answers(() => send('GET', path), () => false),
      ),
      {
        numRuns: RUNS,
        // Cursors crafted to pass a loose check and reach SQL (a malformed UUID, a year Postgres refuses).
        examples: [[`/v1/alerts?cursor=${b64(['2026-11-28T10:00:00.000Z', '-'.repeat(36)])}`], [`/v1/alerts?cursor=${b64(['0000-01-01T00:00:00.000Z', '3f1c3a8e-4a4b-4c3d-9e0f-0a1b2c3d4e5f'])}`]],
      },
    );
  });

  it('Open311: POST requests with fuzzed form bodies, GET requests with fuzzed query strings', async () => {
    const form = fc
      .record({
        fields: fc.dictionary(fc.constantFrom('service_code', 'description', 'address_string', 'phone', 'first_name', 'email', 'lat', 'long', 'attribute[external_id]', 'requested_datetime', 'x'), nasty, { maxKeys: 5 }),
        raw: fc.boolean(),
      })
      .map(({ fields, raw }) =>
        Object.entries({ api_key: KEYS['12345'], service_code: 'CM-NOISE', description: '楼上吵', address_string: '南京路20号', ...fields })
          .map(([k, v]) => `${encodeURIComponent(k)}=${raw ? v.replace(/[^\x21-\x7e]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').slice(-2)}`) : encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '?'))}`)
          .join('&'),
      );
    await fc.assert(
      fc.asyncProperty(fc.oneof(form.map((f) => ({ post: f })), queryText.map((q) => ({ get: q }))), async (input) =>
        'post' in input
          ? answers(() => send('POST', '/open311/v2/requests.json', input.post, { 'content-type': 'application/x-www-form-urlencoded' }), (s) => s === 200)
          : answers(() => send('GET', `/open311/v2/requests.json?${input.get}`), () => false),
      ),
      { numRuns: RUNS },
    );
  });

  it('published an event for every alert it stored, and for nothing else', async () => {
    const events = await publishedSoFar(h); // (its sentinel is one more alert)
    expect(events).toHaveLength(await countRows(h, 'alerts'));
  });
});
