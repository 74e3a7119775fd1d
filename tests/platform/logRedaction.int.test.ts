// Logs (issue 12 #4): a database error is logged without its SQL text, parameters or row detail, and personal fields
// (phone, email, address, names, bodies) are masked in every line. The test reads the real log output.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleLogger, setLogDestination } from '@/src/lib/logger';
import { maskText, redactPersonal, safeError } from '@/src/lib/logRedaction';
import { createTestDb, type TestDb } from '../helpers/db';
import { makeUser, type TestUser } from '../helpers/factories';
import { client } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let tdb: TestDb;
let server: TestServer;
let agent: TestUser;
const PHONE = '+27821234567';
const EMAIL = 'jane.customer@example.com';
const SECRETS = [EMAIL, PHONE, '27821234567', '082 123 4567', '12 Lawley Street', 'Jane Customer', 'INSERT INTO', 'reporter_email'];

beforeAll(async () => {
  setLogDestination(sink);
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, env: { LOG_LEVEL: 'info' } });
  agent = await makeUser(tdb.db, { role: 'agent' });
  // The database refuses this customer, so the insert fails inside the route with a real driver error.
  await tdb.db.query(`ALTER TABLE tickets ADD CONSTRAINT refuse_jane CHECK (reporter_email IS NULL OR reporter_email <> '${EMAIL}')`);
});
afterAll(async () => {
  setLogDestination(undefined);
  await server.close();
  await tdb.drop();
});

function expectClean(text: string) {
  for (const s of SECRETS) expect(text, `log output contains ${s}`).not.toContain(s);
}

describe('log redaction', () => {
  it('logs a failed insert as a 500 with the error code, without SQL, values or the customer', async () => {
    lines.length = 0;
    const res = await client(server.url, { token: agent.token }).post('tickets', {
      source: 'internal', title: 'No dial tone', reporterName: 'Jane Customer', reporterPhone: PHONE, reporterEmail: EMAIL, address: '12 Lawley Street',
    });
    expect(res.status).toBe(500);
    const failure = lines.map((l) => JSON.parse(l) as { msg: string; err?: { code?: string; constraint?: string } }).find((l) => l.msg === 'unhandled error');
    expect(failure?.err).toMatchObject({ code: '23514', constraint: 'refuse_jane' });
    expectClean(lines.join('\n'));
  });

  it('masks personal fields and contact details in free text, at any depth', () => {
    lines.length = 0;
    moduleLogger('test').info(
      { reporterPhone: PHONE, reporterEmail: EMAIL, address: '12 Lawley Street', reporterName: 'Jane Customer', payload: { body: 'Jane Customer at 12 Lawley Street', to: [EMAIL] } },
      `message for ${EMAIL} on 082 123 4567`,
    );
    expectClean(lines.join('\n'));
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ reporterPhone: '*********567', reporterEmail: 'j***@example.com', address: '[redacted]' });
  });

  it('keeps what is useful: ids, dates, counts and the error type', () => {
    expect(redactPersonal({ ticketUid: 'FF-000123', at: '2026-11-25T08:00:00.000Z', ms: 12, id: '0a4c9a1e-3b0f-4c39-9d42-3f0f3c2b1a00' })).toEqual({
      ticketUid: 'FF-000123', at: '2026-11-25T08:00:00.000Z', ms: 12, id: '0a4c9a1e-3b0f-4c39-9d42-3f0f3c2b1a00',
    });
    expect(maskText('call 0821234567 or mail a.b@c.co.za')).toBe('call *******567 or mail a***@c.co.za');
    const e = safeError(Object.assign(new Error(`invalid input syntax for type uuid: "${PHONE}"`), { code: '22P02', query: 'SELECT $1::uuid', params: [PHONE], detail: `Key (email)=(${EMAIL})` }));
    expect(e).toMatchObject({ type: 'Error', code: '22P02' });
    expectClean(JSON.stringify(e));
    expect(safeError('plain string')).toEqual({ message: 'plain string' });
  });
});
