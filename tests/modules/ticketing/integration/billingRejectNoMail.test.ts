// A rejection while mail is not configured: the decision stands, the notice is logged as failed, nothing is queued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingWorld, type BillingWorld } from './billingFixture';

let w: BillingWorld;
beforeAll(async () => {
  w = await billingWorld('2026-11-20T07:00:00Z', { SMTP_HOST: '' });
});
afterAll(async () => w.close());

describe('billing-reject without SMTP', () => {
  it('cancels the work, logs the requester notice as failed and queues no mail', async () => {
    const t = await w.createTicket({ drNumber: await w.dropOutOfGuarantee() });
    const res = await w.as(w.users.manager).post<{ status: string; notified: string | null }>(`billing-reject?uid=${t.ticketUid}`, { reason: 'Quote declined' });
    expect(res.body.data).toMatchObject({ status: 'cancelled', notified: null });
    const logged = await w.tdb.db.query<{ status: string; error: string }>('SELECT status, error FROM notification_log WHERE ticket_id = $1', [t.id]);
    expect(logged.rows).toEqual([{ status: 'failed', error: 'email is not configured (SMTP_HOST unset)' }]);
    expect(await w.count("SELECT count(*)::int AS n FROM outbox WHERE ticket_id = $1 AND kind = 'notification.email'", [t.id])).toBe(0);
  });
});
