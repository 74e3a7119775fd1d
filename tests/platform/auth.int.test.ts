// Local auth over HTTP: login sets a signed cookie, auth-me reads it, logout revokes it; API tokens work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeUser, type TestUser } from '../helpers/factories';
import { call, client } from '../helpers/http';
import { findActiveUserById } from '@/src/lib/auth/userRepo';

let tdb: TestDb;
let server: TestServer;
let agent: TestUser;

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db });
  agent = await makeUser(tdb.db, { role: 'agent' });
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

describe('auth routes', () => {
  it('logs in with the right password, reads the user back, and logs out for good', async () => {
    const res = await client(server.url).post('auth-login', { email: agent.email, password: agent.password });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/ff_session=.+; Path=\/; HttpOnly; SameSite=Lax/);
    const cookie = setCookie.split(';')[0];
    const me = await client(server.url, { cookie }).get<{ user: { email: string; role: string }; timeZone: string }>('auth-me');
    expect(me.body.data.timeZone).toBe('Africa/Johannesburg');
    expect(me.status).toBe(200);
    expect(me.body.data.user).toMatchObject({ email: agent.email, role: 'agent' });
    expect((await client(server.url, { cookie }).post('auth-logout')).status).toBe(200);
    const after = await client(server.url, { cookie }).get('auth-me');
    expect(after.status).toBe(401);
    expect(after.body.error?.code).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const res = await client(server.url).post('auth-login', { email: agent.email, password: 'wrong' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('rejects a malformed login body with field details', async () => {
    const res = await client(server.url).post('auth-login', { email: 'not-an-email' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_ERROR');
    const fields = (res.body.error?.details as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('answers 405 with Allow for a wrong method and 415 for a non-JSON body', async () => {
    const res = await call(server.url, 'GET', 'auth-login');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    const bad = await call(server.url, 'POST', 'auth-login', { rawBody: 'email=x', headers: { 'content-type': 'text/plain' } });
    expect(bad.status).toBe(415);
  });

  it('accepts an API token as a Bearer credential', async () => {
    const me = await client(server.url, { token: agent.token }).get<{ user: { id: string } }>('auth-me');
    expect(me.body.data.user.id).toBe(agent.id);
    expect((await client(server.url, { token: 'ffk_nope' }).get('auth-me')).status).toBe(401);
  });

  it('finds active users by id only', async () => {
    expect(await findActiveUserById(tdb.db, agent.id)).toMatchObject({ id: agent.id, email: agent.email, role: 'agent' });
    await tdb.db.query('UPDATE users SET active = false WHERE id = $1', [agent.id]);
    expect(await findActiveUserById(tdb.db, agent.id)).toBeNull();
    await tdb.db.query('UPDATE users SET active = true WHERE id = $1', [agent.id]);
  });

  it('reports health with the migration state', async () => {
    const res = await client(server.url).get<{ status: string; migrations: { pending: string[] } }>('health');
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('ok');
    expect(res.body.data.migrations.pending).toEqual([]);
  });
});
