// The demo QContact tenant for `npm run emulators`: ~200 cases assigned to us, then every half minute a new case or a
// call-centre change, so the app's sync shows cases arriving and changing.
// Run alone: npx tsx emulators/qcontactDemo.ts --port 4020
import { pathToFileURL } from 'node:url';
import { demoDrops } from '../src/modules/ticketing/seed/demoData';
import { makeCases, OUR_ASSIGNEE, stamp, startQcontactEmulator } from './qcontact';

export const DEMO_QCONTACT = { email: 'maintenance@velocity.demo', password: 'demo-qcontact-password', webhookSecret: 'demo-qcontact-webhook-secret' };

/** The demo tenant: ~200 cases for our assignee, and every half minute a call-centre change or a new case. */
export async function startDemoQcontact(o: { port: number; log: (m: string) => void }): Promise<{ url: string; close(): Promise<void> }> {
  // The demo database's own drops, so cases land on known drops (in guarantee, under contract, or billable).
  const drNumbers = demoDrops(new Date().toISOString().slice(0, 10)).map((d) => d.drNumber);
  const emu = await startQcontactEmulator({ port: o.port, email: DEMO_QCONTACT.email, password: DEMO_QCONTACT.password, seed: { count: 220, now: new Date(), drNumbers } });
  let next = 490_000 + 220;
  const timer = setInterval(() => {
    const ours = [...emu.cases.values()].filter((c) => c.assignedTo.id === OUR_ASSIGNEE.id);
    if (Math.random() < 0.5) {
      const [fresh] = makeCases({ count: 1, seed: next, now: new Date(), firstCaseId: 23_990_000_000 + next, firstNumber: next, otherShare: 0, drNumbers });
      next += 1;
      fresh.created_at = stamp();
      fresh.updated_at = fresh.created_at;
      fresh.fields.status = 'New';
      emu.addCase(fresh);
      o.log(`new case ${fresh.label.trim()}`);
    } else {
      const c = ours[Math.floor(Math.random() * ours.length)];
      emu.changeCase(c.id, { status: 'Escalated', note: 'Customer called again: still no service.' });
      o.log(`case ${c.label.trim()} escalated by the call centre`);
    }
  }, 30_000);
  return {
    url: emu.url,
    close: async () => {
      clearInterval(timer);
      await emu.close();
    },
  };
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void startDemoQcontact({ port: Number(arg('port', '4020')), log: (m) => console.log(`[qcontact] ${m}`) }).then((e) => {
    console.log(`QContact emulator on ${e.url} (QCONTACT_URL=${e.url}, QCONTACT_ASSIGNEE_ID=${OUR_ASSIGNEE.id})`);
  });
}
