// The S3 storage backend against s3rver, a local S3-compatible server started here on loopback: streaming both ways,
// multipart uploads, the size limit leaving nothing behind, and attachments over HTTP with STORAGE_DRIVER=s3.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/src/lib/config';
import { getStorage, ObjectTooLargeError } from '@/src/lib/storage';
import { S3Storage } from '@/src/lib/storage/s3';
import { makeDrop, makeProject, makeUser, type TestUser } from '../helpers/factories';
import { createTestDb, type TestDb } from '../helpers/db';
import { client } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

const BUCKET = 'ff-attachments';
let s3: S3rver;
let endpoint: string;
let storage: S3Storage;

async function readAll(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts);
}

/** A body that arrives in pieces, as an upload from a browser does. */
function chunked(buf: Buffer, size = 64 * 1024): Readable {
  let at = 0;
  return new Readable({
    read() {
      this.push(at < buf.length ? buf.subarray(at, (at += size)) : null);
    },
  });
}

beforeAll(async () => {
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: mkdtempSync(path.join(tmpdir(), 'ff-s3-')), resetOnClose: true, configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  storage = new S3Storage({ bucket: BUCKET, region: 'us-east-1', endpoint, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
});
afterAll(async () => {
  storage.close();
  await s3.close();
});

describe('S3Storage', () => {
  it('streams a small object in and out with its size and sha256', async () => {
    const body = Buffer.from('pole LAW.P.B167 photo bytes');
    const stored = await storage.put('tickets/t1/a1', chunked(body, 5), { maxBytes: 1024 });
    expect(stored).toEqual({ size: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    expect((await readAll(await storage.get('tickets/t1/a1'))).equals(body)).toBe(true);
  });

  it('uploads a body larger than one part as a multipart upload', async () => {
    const body = randomBytes(6 * 1024 * 1024 + 123);
    const stored = await storage.put('tickets/t1/big', chunked(body), { maxBytes: 10 * 1024 * 1024 });
    expect(stored.size).toBe(body.length);
    const back = await readAll(await storage.get('tickets/t1/big'));
    expect(createHash('sha256').update(back).digest('hex')).toBe(stored.sha256);
  });

  it('refuses a body past the limit and keeps no object, small or multipart', async () => {
    await expect(storage.put('tickets/t1/toolarge', chunked(randomBytes(2000), 100), { maxBytes: 1000 })).rejects.toBeInstanceOf(ObjectTooLargeError);
    await expect(storage.get('tickets/t1/toolarge')).rejects.toThrow();
    await expect(storage.put('tickets/t1/toolarge2', chunked(randomBytes(7 * 1024 * 1024)), { maxBytes: 6 * 1024 * 1024 })).rejects.toBeInstanceOf(ObjectTooLargeError);
    await expect(storage.get('tickets/t1/toolarge2')).rejects.toThrow();
  });

  it('fails the upload when the source breaks midway, and deletes objects', async () => {
    let sent = 0;
    const broken = new Readable({
      read() {
        sent += 1;
        if (sent > 3) this.destroy(new Error('client went away'));
        else this.push(Buffer.alloc(1000, sent));
      },
    });
    await expect(storage.put('tickets/t1/broken', broken, { maxBytes: 1e6 })).rejects.toThrow('client went away');
    await expect(storage.get('tickets/t1/broken')).rejects.toThrow();
    await storage.delete('tickets/t1/a1');
    await expect(storage.get('tickets/t1/a1')).rejects.toThrow();
  });

  it('reports a storage failure as it is (no such bucket)', async () => {
    const elsewhere = new S3Storage({ bucket: 'no-such-bucket', region: 'us-east-1', endpoint, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    await expect(elsewhere.put('tickets/t2/a', chunked(Buffer.from('abc')), { maxBytes: 10 })).rejects.toThrow(/bucket/i);
    elsewhere.close();
  });

  it('refuses keys that are not ours', async () => {
    await expect(storage.put('../etc/passwd', chunked(Buffer.from('x')), { maxBytes: 10 })).rejects.toThrow('Invalid storage key');
    await expect(storage.get('a//b')).rejects.toThrow('Invalid storage key');
    await expect(storage.delete('')).rejects.toThrow('Invalid storage key');
  });

  it('is chosen by STORAGE_DRIVER=s3, which needs a bucket', () => {
    const config = parseConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: BUCKET, S3_ENDPOINT: endpoint });
    const chosen = getStorage(config);
    expect(chosen).toBeInstanceOf(S3Storage);
    expect(getStorage(config)).toBe(chosen);
    expect(() => parseConfig({ STORAGE_DRIVER: 's3' })).toThrow('S3_BUCKET');
    // On AWS itself no endpoint is given: the region's endpoint, virtual-hosted buckets.
    expect(getStorage(parseConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: BUCKET, S3_REGION: 'af-south-1' }))).not.toBe(chosen);
  });
});

describe('attachments over HTTP on S3 storage', () => {
  let tdb: TestDb;
  let server: TestServer;
  let agent: TestUser;

  beforeAll(async () => {
    tdb = await createTestDb();
    server = await startTestServer({
      db: tdb.db,
      env: { STORAGE_DRIVER: 's3', S3_BUCKET: BUCKET, S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' },
    });
    agent = await makeUser(tdb.db, { role: 'agent' });
  });
  afterAll(async () => {
    await server.close();
    await tdb.drop();
  });

  it('stores an upload in the bucket and serves it back byte for byte', async () => {
    const project = await makeProject(tdb.db);
    const drop = await makeDrop(tdb.db, { projectId: project.id });
    const t = await client(server.url, { token: agent.token }).post<{ id: string }>('tickets', { source: 'internal', title: 'Photo of the splitter', drNumber: drop.drNumber });
    expect(t.status).toBe(201);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(300_000)]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'splitter.pdf');
    const up = await fetch(`${server.url}/tickets-attachments?id=${t.body.data.id}`, { method: 'POST', headers: { authorization: `Bearer ${agent.token}` }, body: form });
    expect(up.status).toBe(201);
    const meta = ((await up.json()) as { data: { id: string; sha256: string } }).data;
    expect(meta.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    const key = (await tdb.db.query<{ storage_key: string }>('SELECT storage_key FROM ticket_attachments WHERE id = $1', [meta.id])).rows[0].storage_key;
    expect((await readAll(await storage.get(key))).equals(pdf)).toBe(true);
    const dl = await fetch(`${server.url}/tickets-attachments?id=${t.body.data.id}&attachmentId=${meta.id}`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(pdf)).toBe(true);
  });
});
