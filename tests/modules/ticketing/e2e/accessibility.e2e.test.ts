// axe-core on every screen, for every role, on a desktop (1440x900) and a phone (390x844): no serious or critical
// violations. The screens of a role are the ones its menu shows, plus a ticket it may open and the edit form.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { visibleNavigation } from '@/src/modules/ticketing/components/layout/navigation';
import { ROLE_PERMISSIONS } from '@/src/modules/ticketing/services/permissions';
import type { UserRole } from '@/src/modules/ticketing/types/enums';
import { loadFixture } from './support/fixture';
import { apiAs, launchBrowser, openSession } from './support/browser';
import { seriousViolations, type AxeFinding } from './support/axe';

const fx = loadFixture();
let browser: Browser;
let ticketUid = '';

beforeAll(async () => {
  browser = await launchBrowser(fx);
  // One ticket every role can open (assigned to the technician, who sees only their own), with a note and history.
  const agent = apiAs(fx, fx.users.agent);
  const res = await agent.post<{ ticketUid: string; id: string }>('tickets', {
    source: 'whatsapp', title: 'Accessibility walk: no light on the ONT', drNumber: fx.drops.guarantee, description: 'The PON light blinks red since last night.',
    reporterName: 'Nomsa Dlamini', reporterPhone: '082 555 0101', assignedTo: fx.users.technician.id,
  });
  if (res.status !== 201) throw new Error(`could not create the ticket: ${res.status}`);
  ticketUid = res.body.data.ticketUid;
  await agent.post(`tickets-notes?id=${ticketUid}`, { body: 'Customer called twice.', noteType: 'internal' });
});
afterAll(async () => {
  await browser?.close();
});

const ROLES: UserRole[] = ['admin', 'manager', 'agent', 'technician', 'finance'];

function screensOf(role: UserRole): string[] {
  const perms = ROLE_PERMISSIONS[role] as readonly string[];
  const can = (p?: string) => !p || perms.includes(p);
  const menu = visibleNavigation(can).flatMap((s) => s.items.map((i) => i.href));
  const extra = [`/ticketing/tickets/${ticketUid}`, ...(can('tickets:update') ? [`/ticketing/tickets/${ticketUid}/edit`] : [])];
  return [...menu, ...extra];
}

async function scan(role: UserRole | null, phone: boolean, paths: string[]): Promise<string[]> {
  const { context, page } = await openSession(browser, fx, { user: role ? fx.users[role] : undefined, phone });
  const problems: string[] = [];
  try {
    for (const url of paths) {
      await page.goto(url);
      await page.waitForLoadState('networkidle', { timeout: 60_000 });
      await page.locator('main').first().waitFor({ timeout: 60_000 });
      // The API reference is a third-party widget (Scalar); our own frame around it is checked.
      const findings: AxeFinding[] = await seriousViolations(page, url.endsWith('/api-docs') ? ['#scalar-docs'] : []);
      for (const f of findings) problems.push(`${role ?? 'anonymous'} ${phone ? 'phone' : 'desktop'} ${url}: [${f.impact}] ${f.id} (${f.help}) at ${f.targets.join(' | ')}`);
    }
  } finally {
    await context.close();
  }
  // Kept in full beside the screenshots: an assertion message would cut a long list short.
  if (problems.length) appendFileSync(path.join(fx.screensDir, 'axe-findings.txt'), `${problems.join('\n')}\n`);
  return problems;
}

describe('accessibility (axe-core): no serious or critical violations', () => {
  it('on the login page, desktop and phone', async () => {
    expect([...(await scan(null, false, ['/login'])), ...(await scan(null, true, ['/login']))].join('\n')).toBe('');
  });

  for (const role of ROLES) {
    it(`on every screen of the ${role}, desktop 1440x900`, async () => {
      expect((await scan(role, false, screensOf(role))).join('\n')).toBe('');
    }, 600_000);
    it(`on every screen of the ${role}, phone 390x844`, async () => {
      expect((await scan(role, true, screensOf(role))).join('\n')).toBe('');
    }, 600_000);
  }
});
