// AUTH_PROVIDER=clerk: RS256 session tokens minted with the test's own key pair, verified networklessly with the
// PEM public key (CLERK_JWT_KEY), mapped to a users row by clerk_user_id or linked once by the email claim.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db';
import { startTestServer, type TestServer } from '../helpers/server';
import { makeUser, type TestUser } from '../helpers/factories';
import { client } from '../helpers/http';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const PARTY = 'http://localhost:3000';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function mint(claims: Record<string, unknown>, key: KeyObject = privateKey, alg = 'RS256'): string {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg, typ: 'JWT', kid: 'ins_test_key' });
  const body = b64({ iss: 'https://clerk.fibreflow.test', sid: 'sess_1', iat: now - 5, nbf: now - 5, exp: now + 300, azp: PARTY, ...claims });
  const sig = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url');
  return `${head}.${body}.${sig}`;
}

type Me = { user: { id: string; email: string; role: string } };

let tdb: TestDb;
let server: TestServer;
let manager: TestUser;
let tech: TestUser;

beforeAll(async () => {
  tdb = await createTestDb();
  server = await startTestServer({ db: tdb.db, env: { AUTH_PROVIDER: 'clerk', CLERK_JWT_KEY: PEM, CLERK_AUTHORIZED_PARTIES: PARTY } });
  manager = await makeUser(tdb.db, { role: 'manager' });
  tech = await makeUser(tdb.db, { role: 'technician' });
  await tdb.db.query('UPDATE users SET clerk_user_id = $1 WHERE id = $2', ['user_tech', tech.id]);
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

describe('Clerk session tokens', () => {
  it('accepts a Bearer token for a user already linked by clerk_user_id', async () => {
    const res = await client(server.url, { token: mint({ sub: 'user_tech' }) }).get<Me>('auth-me');
    expect(res.status).toBe(200);
    expect(res.body.data.user).toMatchObject({ id: tech.id, role: 'technician' });
  });

  it('accepts the __session cookie', async () => {
    const res = await client(server.url, { cookie: `__session=${mint({ sub: 'user_tech' })}` }).get<Me>('auth-me');
    expect(res.body.data.user.id).toBe(tech.id);
  });

  it('links a Clerk user to the users row with the same email on first sight, then by id', async () => {
    const first = await client(server.url, { token: mint({ sub: 'user_mgr', email: manager.email.toUpperCase() }) }).get<Me>('auth-me');
    expect(first.status).toBe(200);
    expect(first.body.data.user.id).toBe(manager.id);
    const { rows } = await tdb.db.query<{ clerk_user_id: string }>('SELECT clerk_user_id FROM users WHERE id = $1', [manager.id]);
    expect(rows[0].clerk_user_id).toBe('user_mgr');
    const again = await client(server.url, { token: mint({ sub: 'user_mgr' }) }).get<Me>('auth-me');
    expect(again.body.data.user.id).toBe(manager.id);
  });

  it('does not re-link a row that belongs to another Clerk user', async () => {
    const res = await client(server.url, { token: mint({ sub: 'user_intruder', email: tech.email }) }).get('auth-me');
    expect(res.status).toBe(401);
  });

  it('refuses an unknown Clerk user without an email claim, or with an email nobody has', async () => {
    expect((await client(server.url, { token: mint({ sub: 'user_nobody' }) }).get('auth-me')).status).toBe(401);
    expect((await client(server.url, { token: mint({ sub: 'user_nobody', email: 'nobody@x.test' }) }).get('auth-me')).status).toBe(401);
  });

  it('refuses a token signed by another key, expired, from another party, or not a JWT', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const token of [
      mint({ sub: 'user_tech' }, other.privateKey),
      mint({ sub: 'user_tech', exp: now - 120, iat: now - 600, nbf: now - 600 }),
      mint({ sub: 'user_tech', azp: 'https://evil.example.com' }),
      'not-a-jwt',
    ]) {
      const res = await client(server.url, { token }).get('auth-me');
      expect(res.status).toBe(401);
    }
  });

  it('refuses a request with no token, and no longer honours the local session cookie', async () => {
    expect((await client(server.url).get('auth-me')).status).toBe(401);
    expect((await client(server.url, { cookie: 'ff_session=abc.1.x' }).get('auth-me')).status).toBe(401);
  });

  it('still accepts API tokens for machines', async () => {
    const res = await client(server.url, { token: tech.token }).get<Me>('auth-me');
    expect(res.body.data.user.id).toBe(tech.id);
  });

  it('refuses a deactivated user', async () => {
    await tdb.db.query('UPDATE users SET active = false WHERE id = $1', [tech.id]);
    expect((await client(server.url, { token: mint({ sub: 'user_tech' }) }).get('auth-me')).status).toBe(401);
    await tdb.db.query('UPDATE users SET active = true WHERE id = $1', [tech.id]);
  });

  // Issue 12 #11: a pending session (sign-in tasks not done) is not a signed-in user.
  it('accepts only active sessions: sts pending or unknown is 401, active (or a v1 token without sts) is accepted', async () => {
    expect((await client(server.url, { token: mint({ sub: 'user_tech', v: 2, sts: 'pending' }) }).get('auth-me')).status).toBe(401);
    expect((await client(server.url, { token: mint({ sub: 'user_tech', v: 2, sts: 'expired' }) }).get('auth-me')).status).toBe(401);
    expect((await client(server.url, { cookie: `__session=${mint({ sub: 'user_tech', v: 2, sts: 'pending' })}` }).get('auth-me')).status).toBe(401);
    expect((await client(server.url, { token: mint({ sub: 'user_tech', v: 2, sts: 'active' }) }).get('auth-me')).status).toBe(200);
    expect((await client(server.url, { token: mint({ sub: 'user_tech' }) }).get('auth-me')).status).toBe(200);
  });
});
