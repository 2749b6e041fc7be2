import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PostgresProcess, waitFor } from '@jingwang/testing';
import { CapturingLogger, migrateProbe, startProbeApp } from './probe-app.fixture.ts';

// Short on purpose: a hung database must be answered within these, plus slack.
const TIMEOUTS = { connectTimeoutMs: 1000, statementTimeoutMs: 1000, queryTimeoutMs: 1500 };
const SLACK_MS = 3000;

let pg: PostgresProcess;
let app: NestFastifyApplication;
let url: string;
const logger = new CapturingLogger();

beforeAll(async () => {
  pg = await PostgresProcess.start();
  await migrateProbe(pg.url);
  ({ app, url } = await startProbeApp({ adminUrl: pg.url, timeouts: TIMEOUTS, logger, http: { requestTimeoutMs: 10_000 } }));
});
afterAll(async () => {
  pg?.resume();
  await app?.close();
  await pg?.destroy();
});

async function get(path: string) {
  const t0 = performance.now();
  const res = await fetch(`${url}${path}`);
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text, body: JSON.parse(text), ms: performance.now() - t0 };
}

const answersAgain = (from: number) => logger.matching('log', /^the database answers again/, from);
const outageStarts = (from: number) => logger.matching('warn', /^the database is unavailable/, from);

async function healthy(from: number): Promise<void> {
  await waitFor('the database to answer the app again', async () => (await get('/v1/db')).status === 200);
  await waitFor('the end of the outage in the log', () => answersAgain(from).length === 1);
}

describe('Postgres down', () => {
  it('answers 503 SERVICE.UNAVAILABLE with Retry-After, logs the outage once and its end once', async () => {
    const from = logger.lines.length;
    expect((await get('/v1/db')).status).toBe(200);
    await pg.stop();
    try {
      const answers = await Promise.all(Array.from({ length: 30 }, () => get('/v1/db')));
      for (const a of answers) {
        expect({ status: a.status, code: a.body.error?.code, retryAfter: a.retryAfter }).toEqual({ status: 503, code: 'SERVICE.UNAVAILABLE', retryAfter: '5' });
        expect(a.body.error.message).toBe('the database is unavailable; retry after 5 s');
      }
      expect(answers[0].text).not.toContain(String(pg.port));

      const ready = await get('/health/ready');
      expect({ status: ready.status, retryAfter: ready.retryAfter, checks: ready.body.checks, status_: ready.body.status }).toEqual({ status: 503, retryAfter: '5', checks: { postgres: 'unavailable' }, status_: 'unavailable' });
      expect(ready.text).not.toMatch(new RegExp(`${pg.port}|127\\.0\\.0\\.1|ECONNREFUSED`));

      expect(outageStarts(from)).toEqual([expect.stringMatching(/ECONNREFUSED|Connection terminated|57P01/)]);
      expect(logger.matching('error', /./, from)).toEqual([]); // no stack trace per request
    } finally {
      await pg.start();
    }
    await healthy(from);
    expect(answersAgain(from)[0]).toMatch(/^the database answers again after \d+\.\d s; 30 requests were answered 503$/);
    expect(outageStarts(from)).toHaveLength(1);
    const ready = await get('/health/ready');
    expect({ status: ready.status, body: ready.body }).toEqual({ status: 200, body: { status: 'ok', checks: { postgres: 'ok' } } });
  });
});

describe('Postgres hung (SIGSTOP)', () => {
  it('answers 503 within the connect and query timeouts instead of never, and recovers when it resumes', async () => {
    const from = logger.lines.length;
    await Promise.all([get('/v1/db'), get('/v1/db')]); // connections in the pool, to hang on
    pg.pause();
    try {
      // More than the pool's 4: some wait for a connection (connect timeout), some for an answer (query timeout).
      const answers = await Promise.all(Array.from({ length: 8 }, () => get('/v1/db')));
      for (const a of answers) {
        expect({ status: a.status, code: a.body.error?.code, retryAfter: a.retryAfter }).toEqual({ status: 503, code: 'SERVICE.UNAVAILABLE', retryAfter: '5' });
        expect(a.ms).toBeLessThan(TIMEOUTS.queryTimeoutMs + TIMEOUTS.connectTimeoutMs + SLACK_MS);
      }
      const ready = await get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(1000 + SLACK_MS);
      expect(outageStarts(from)).toHaveLength(1);
    } finally {
      pg.resume();
    }
    await healthy(from);
  });
});

describe('Postgres slow', () => {
  it('cuts a statement at the statement timeout and answers 503', async () => {
    const from = logger.lines.length;
    const a = await get('/v1/sql-sleep?s=5');
    expect({ status: a.status, code: a.body.error?.code }).toEqual({ status: 503, code: 'SERVICE.UNAVAILABLE' });
    expect(a.ms).toBeLessThan(TIMEOUTS.statementTimeoutMs + SLACK_MS);
    expect(outageStarts(from)).toEqual([expect.stringContaining('57014')]);
    await healthy(from);
  });
});
