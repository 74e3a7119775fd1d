// The QContact client over real HTTP: against the emulator (sign-in, auth headers, paging, events, quirks) and a
// loopback server that misbehaves in the ways a real tenant or proxy can (no token headers, 401 forever, HTML).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUR_ASSIGNEE, startQcontactEmulator, type QcontactEmulator } from '@/emulators/qcontact';
import { createQcontactClient, QcontactError } from '@/src/modules/ticketing/integrations/qcontact/qcontactClient';

let emu: QcontactEmulator;
let odd: Server;
let oddUrl = '';
let oddMode = 'no-headers';
beforeAll(async () => {
  emu = await startQcontactEmulator({ seed: { count: 60, otherShare: 0 } });
  odd = createServer((req, res) => {
    if (req.url === '/api/v2/auth/sign_in' && oddMode === 'signin-500') res.writeHead(500).end('');
    else if (req.url === '/api/v2/auth/sign_in') {
      const headers: Record<string, string> = oddMode === 'no-headers' ? {} : { 'access-token': 't', client: 'c', uid: 'u' };
      res.writeHead(200, headers).end('{}');
    } else if (oddMode === 'always-401') res.writeHead(401).end('{"errors":["no"]}');
    else if (oddMode === 'html') res.writeHead(502).end('<html>Bad gateway</html>');
    else if (oddMode === 'events-array') res.writeHead(200).end(JSON.stringify([{ id: 1 }]));
    else if (oddMode === 'events-empty') res.writeHead(200).end('null');
    else if (oddMode === 'empty') res.writeHead(200).end('');
    else res.writeHead(200).end(JSON.stringify({ nothing: true }));
  });
  await new Promise<void>((r) => odd.listen(0, '127.0.0.1', r));
  oddUrl = `http://127.0.0.1:${(odd.address() as { port: number }).port}`;
});
afterAll(async () => {
  await emu.close();
  odd.close();
});

const client = (o: Partial<Parameters<typeof createQcontactClient>[0]> = {}) =>
  createQcontactClient({ baseUrl: `${emu.url}/`, email: emu.email, password: emu.password, timeoutMs: 10_000, retryPauseMs: 10, ...o });

async function caught(p: Promise<unknown>): Promise<QcontactError> {
  try {
    await p;
  } catch (err) {
    return err as QcontactError;
  }
  throw new Error('expected a failure');
}

describe('against the emulator', () => {
  it('signs in once, sends the three auth headers, and pages while page x items < count', async () => {
    const c = client({ pageSize: 25 });
    expect(await c.me()).toMatchObject({ email: emu.email });
    const pages: number[] = [];
    for await (const page of c.listCases({ assigneeId: OUR_ASSIGNEE.id, status: undefined })) pages.push(page.length);
    expect(pages).toEqual([25, 25, 10]);
    expect(c.stats).toMatchObject({ signIns: 1, requests: 5 });
    const filtered = [];
    for await (const page of c.listCases({ assigneeId: OUR_ASSIGNEE.id, status: 'Solved', pageSize: 100 })) filtered.push(...page);
    expect(filtered.every((x) => x.status === 'Solved')).toBe(true);
  });

  it('reads a case and its timeline, and says 404 is final', async () => {
    const c = client();
    const [id] = [...emu.cases.keys()];
    expect(await c.getCase(id)).toMatchObject({ id, fields: expect.any(Object), relationships: expect.any(Object) });
    expect((await c.getEvents(id)).length).toBeGreaterThan(0);
    const e = await caught(c.getCase(1));
    expect(e).toMatchObject({ name: 'QcontactError', kind: 'http', status: 404, retryable: false });
  });

  it('re-signs in once on 401 and retries; a wrong password is an auth error that is not retried', async () => {
    const c = client();
    await c.me();
    emu.expireTokens();
    await c.me();
    expect(c.stats.signIns).toBe(2);
    const bad = client({ password: 'wrong' });
    expect(await caught(bad.me())).toMatchObject({ kind: 'auth', status: 401, retryable: false });
  });

  it('retries reads on 500 and timeouts, but not writes; gives up after the last try', async () => {
    const c = client({ readRetries: 1, timeoutMs: 1500 });
    const [id] = [...emu.cases.keys()];
    emu.failNext(1);
    expect(await c.getCase(id)).toMatchObject({ id });
    emu.hangNext(1, 3000);
    expect(await c.getCase(id)).toMatchObject({ id });
    emu.failNext(2);
    expect(await caught(c.getCase(id))).toMatchObject({ status: 500, retryable: true });
    emu.failNext(1);
    expect(await caught(c.updateCase(id, { status: 'Solved' }))).toMatchObject({ status: 500 });
    emu.hangNext(2, 3000);
    expect(await caught(c.getCase(id))).toMatchObject({ kind: 'timeout', retryable: true });
    expect(await caught(c.updateCase(id, { status: 'Nope' }))).toMatchObject({ status: 422, retryable: false });
  });

  it('shows the tenant quirks: view=all returns nothing and not_equals answers 500', async () => {
    const c = client();
    await c.signIn();
    const signIn = await fetch(`${emu.url}/api/v2/auth/sign_in`, { method: 'POST', body: JSON.stringify({ email: emu.email, password: emu.password }) });
    const h = { 'access-token': signIn.headers.get('access-token')!, client: signIn.headers.get('client')!, uid: signIn.headers.get('uid')! };
    const all = await fetch(`${emu.url}/api/v2/entities/Case?view=all&page=1&items=50`, { headers: h });
    expect(((await all.json()) as { results: unknown[] }).results).toEqual([]);
    const ne = encodeURIComponent(JSON.stringify([{ operator: 'all', conditions: [{ name: 'status', value: 'Solved', operator: 'not_equals' }] }]));
    expect((await fetch(`${emu.url}/api/v2/entities/Case?filters=${ne}`, { headers: h })).status).toBe(500);
  });
});

describe('against a misbehaving server', () => {
  const oc = () => createQcontactClient({ baseUrl: oddUrl, email: 'a', password: 'b', timeoutMs: 10_000, readRetries: 0 });

  it('refuses a sign-in without token headers, and fresh credentials that are refused again', async () => {
    oddMode = 'no-headers';
    expect(await caught(oc().me())).toMatchObject({ kind: 'protocol', retryable: false });
    oddMode = 'always-401';
    expect(await caught(oc().me())).toMatchObject({ kind: 'auth', status: 401 });
    oddMode = 'signin-500';
    expect(await caught(oc().me())).toMatchObject({ kind: 'http', status: 500, retryable: true });
    oddMode = 'empty';
    expect(await oc().me()).toBeNull();
  });

  it('keeps a non-JSON error page, refuses a list without pagination, and reads events as an array or nothing', async () => {
    oddMode = 'html';
    expect(await caught(oc().me())).toMatchObject({ status: 502, retryable: true, response: '<html>Bad gateway</html>' });
    oddMode = 'list';
    expect(await caught(oc().listCases({ assigneeId: '1' }).next())).toMatchObject({ kind: 'protocol' });
    oddMode = 'events-array';
    expect(await oc().getEvents(1)).toEqual([{ id: 1 }]);
    oddMode = 'events-empty';
    expect(await oc().getEvents(1)).toEqual([]);
  });

  it('says a closed port is a retryable network error', async () => {
    const c = createQcontactClient({ baseUrl: 'http://127.0.0.1:9', email: 'a', password: 'b', readRetries: 0 });
    expect(await caught(c.me())).toMatchObject({ kind: 'network', retryable: true });
  });
});
