// Attachments over HTTP: multipart upload to storage with sha256, type and size limits, download headers, scope.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorld, type TicketWorld } from './ticketFixture';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

let w: TicketWorld;
let ticketId: string;
beforeAll(async () => {
  w = await ticketWorld();
  const t = await w.as(w.users.agent).post<{ id: string }>('tickets', {
    source: 'construction', title: 'Photo of pole', drNumber: await w.drop(), assignedTo: w.users.technician.id,
  });
  ticketId = t.body.data.id;
});
afterAll(async () => w.close());

function form(name: string, type: string, bytes: Buffer): FormData {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return f;
}

async function upload(token: string, body: FormData | string, headers: Record<string, string> = {}) {
  const res = await fetch(`${w.server.url}/tickets-attachments?id=${ticketId}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body,
  });
  return { status: res.status, body: (await res.json()) as { data: { id: string; sha256: string; sizeBytes: number; fileName: string }; error?: { code: string } } };
}

describe('attachments', () => {
  it('stores an upload with its sha256 and serves it back with safe headers', async () => {
    const res = await upload(w.users.technician.token, form('../../etc/pole photo.png', 'image/png', PNG));
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ fileName: 'pole photo.png', sizeBytes: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
    const stored = readdirSync(path.join(w.server.config.storageDir, 'tickets', ticketId));
    expect(stored).toEqual([res.body.data.id]);
    const dl = await fetch(`${w.server.url}/tickets-attachments?id=${ticketId}&attachmentId=${res.body.data.id}`, {
      headers: { authorization: `Bearer ${w.users.agent.token}` },
    });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('image/png');
    expect(dl.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''pole%20photo.png");
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await dl.arrayBuffer()).equals(PNG)).toBe(true);
    const inline = await fetch(`${w.server.url}/tickets-attachments?id=${ticketId}&attachmentId=${res.body.data.id}&inline=1`, {
      headers: { authorization: `Bearer ${w.users.agent.token}` },
    });
    expect(inline.headers.get('content-disposition')).toMatch(/^inline;/);
    await inline.arrayBuffer();
    const list = await w.as(w.users.agent).get<{ id: string }[]>(`tickets-attachments?id=${ticketId}`);
    expect(list.body.data.map((a) => a.id)).toEqual([res.body.data.id]);
  });

  it('refuses a disallowed type (415), content that lies about its type (415), and too large a file (413)', async () => {
    const before = await w.count('SELECT count(*)::int AS n FROM ticket_attachments');
    expect((await upload(w.users.agent.token, form('x.exe', 'application/x-msdownload', Buffer.from('MZ')))).status).toBe(415);
    expect((await upload(w.users.agent.token, form('fake.png', 'image/png', Buffer.from('not a png at all')))).status).toBe(415);
    const big = Buffer.concat([PNG, Buffer.alloc(w.server.config.ATTACHMENT_MAX_BYTES, 1)]);
    expect((await upload(w.users.agent.token, form('big.png', 'image/png', big))).status).toBe(413);
    expect((await upload(w.users.agent.token, JSON.stringify({ a: 1 }), { 'content-type': 'application/json' })).status).toBe(415);
    const empty = new FormData();
    empty.append('note', 'no file');
    expect((await upload(w.users.agent.token, empty)).status).toBe(400);
    expect(await w.count('SELECT count(*)::int AS n FROM ticket_attachments')).toBe(before);
    const leftovers = readdirSync(path.join(w.server.config.storageDir, 'tickets', ticketId));
    expect(leftovers).toHaveLength(before);
  });

  it('hides attachments of other technicians\' tickets and refuses finance uploads', async () => {
    expect((await upload(w.users.tech2.token, form('a.png', 'image/png', PNG))).status).toBe(404);
    expect((await upload(w.users.finance.token, form('a.png', 'image/png', PNG))).status).toBe(403);
    const missing = await w.as(w.users.agent).get(`tickets-attachments?id=${ticketId}&attachmentId=00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
  });
});
