// The WAHA emulator's demo start (what `npm run emulators` runs beside `npm start`): once the app answers it pushes a
// signed conversation with media, which becomes tickets with attachments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@/src/lib/clock';
import { moduleLogger } from '@/src/lib/logger';
import { processInboundBatch } from '@/src/modules/ticketing/jobs/inboundWorker';
import { DEMO_EMULATORS, demoChannelEnv, type RunningEmulator } from '@/emulators';
import { DEMO_WAHA, startDemoWaha } from '@/emulators/wahaDemo';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { makeDrop, makeProject } from '../../../helpers/factories';
import { startTestServer, type TestServer } from '../../../helpers/server';

let tdb: TestDb;
let server: TestServer;
let demo: RunningEmulator;
const lines: string[] = [];

beforeAll(async () => {
  tdb = await createTestDb();
  // The real clock: webhooks arrive milliseconds apart and are processed in arrival order.
  server = await startTestServer({ db: tdb.db, env: { WAHA_WEBHOOK_KEY: DEMO_WAHA.hmacKey, WAHA_URL: 'http://127.0.0.1:9', WAHA_API_KEY: DEMO_WAHA.apiKey } });
  const project = await makeProject(tdb.db, { name: 'Lawley' });
  for (const dr of ['DR1734316', 'DR1734317']) await makeDrop(tdb.db, { projectId: project.id, drNumber: dr, installDate: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10) });
  demo = await startDemoWaha({ port: 0, appUrl: server.url.replace(/\/api\/ticketing$/, ''), log: (m) => lines.push(m) });
});
afterAll(async () => {
  await demo.close();
  await server.close();
  await tdb.drop();
});

describe('the WAHA demo emulator', () => {
  it('is listed with its settings and pushes a conversation with a photo and a document that become tickets', async () => {
    expect(DEMO_EMULATORS.map((e) => e.name)).toEqual(expect.arrayContaining(['waha', 'sms']));
    expect(demoChannelEnv()).toMatchObject({ WAHA_URL: 'http://127.0.0.1:4020', WAHA_WEBHOOK_KEY: DEMO_WAHA.hmacKey, SMS_URL: 'http://127.0.0.1:4021' });
    for (let i = 0; i < 100 && lines.length < 5; i += 1) await new Promise((r) => setTimeout(r, 200));
    expect(lines.length).toBe(5);
    // The media lives on the emulator: point the worker's config at it.
    const config = { ...server.config, WAHA_URL: demo.url };
    await processInboundBatch({ db: tdb.db, clock: systemClock, config, log: moduleLogger('demo').child({}, { level: 'silent' }) });
    const tickets = (await tdb.db.query<{ ticket_uid: string; category: string | null }>('SELECT ticket_uid, category FROM tickets ORDER BY ticket_uid')).rows;
    expect(tickets).toEqual([{ ticket_uid: 'DR1734316-1', category: 'Red light on ONT' }, { ticket_uid: 'DR1734317-1', category: 'Fibre cut' }]);
    const atts = (await tdb.db.query<{ mime_type: string }>('SELECT mime_type FROM ticket_attachments ORDER BY mime_type')).rows.map((r) => r.mime_type);
    const notes = (await tdb.db.query<{ body: string }>('SELECT body FROM ticket_notes ORDER BY created_at')).rows.map((r) => r.body);
    expect(notes).toEqual(expect.arrayContaining(['I am home all day', expect.stringMatching(/^And the speed test\n\[application attached: ont-test-report.pdf\]$/)]));
    expect(atts).toEqual(['application/pdf', 'image/jpeg']);
  });
});
