// The PDF builders on their own: a long report spills onto several pages with its header repeated; a full ticket prints every section.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ticketPdf } from '@/src/modules/ticketing/services/exports/ticketPdf';
import { addToSummary, emptySummary, ticketsReportPdf } from '@/src/modules/ticketing/services/exports/ticketsReportPdf';
import type { TicketWithSla } from '@/src/modules/ticketing/services/sla/slaView';
import type { TicketBilling } from '@/src/modules/ticketing/types/billing';

const dir = mkdtempSync(path.join(tmpdir(), 'ff-pdf-'));

async function text(stream: Readable, name: string): Promise<{ text: string; pages: number }> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.concat(chunks));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
}

function ticket(n: number, o: Partial<TicketWithSla> = {}): TicketWithSla {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, ticketUid: `FF-${String(n).padStart(6, '0')}`, source: 'qcontact', externalId: null,
    ticketType: 'fault', category: null, priority: 'high', status: 'in_progress', title: `Fault number ${n}`, description: null, drNumber: null, dropId: null, dropUnknown: false,
    projectId: null, projectName: null, clientId: null, clientName: null, reporterName: null, reporterPhone: null, reporterEmail: null, address: null,
    gpsLat: null, gpsLng: null, assignedTo: null, assigneeName: null, billingType: null, requiresBillingApproval: false, faultCause: null, resolutionNotes: null,
    slaConfigId: null, firstResponseDueAt: null, firstRespondedAt: null, dueAt: null, slaPaused: false, slaPausedAt: null, slaWarningAt: null, slaEscalatedAt: null,
    slaBreachedAt: null, tags: [], createdBy: null, createdAt: '2026-11-25T08:00:00Z', updatedAt: '2026-11-25T08:00:00Z', resolvedAt: null, closedAt: null, etaAt: null, version: 1,
    sla: { state: 'none', firstResponseDueAt: null, firstRespondedAt: null, dueAt: null, percentElapsed: null, responsePercentElapsed: null, paused: false, breached: false, warningAt: null, escalatedAt: null, breachedAt: null },
    ...o,
  };
}

describe('tickets report PDF', () => {
  it('runs over several pages, repeating the table header, with breached tickets counted in the summary', async () => {
    const rows = Array.from({ length: 90 }, (_, i) =>
      ticket(i + 1, i % 10 === 0 ? { drNumber: 'DR1734315', projectName: 'Lawley', assigneeName: 'Thabo', billingType: 'billable', sla: { ...ticket(0).sla, state: 'breached', breached: true } } : {}),
    );
    const summary = emptySummary();
    rows.forEach((t) => addToSummary(summary, t));
    async function* gen() {
      yield* rows;
    }
    const r = await text(
      ticketsReportPdf({ rows: gen(), summary, filterText: 'All tickets', generatedAt: new Date('2026-11-25T12:00:00Z'), generatedBy: 'Mpho Manager', timeZone: 'Africa/Johannesburg', truncatedAt: null, onError: () => undefined }),
      'long.pdf',
    );
    expect(r.pages).toBeGreaterThan(2);
    expect(r.text.match(/Ticket\s+Title\s+Status/g)?.length).toBe(r.pages);
    expect(r.text).toContain('FF-000090');
    expect(r.text).toContain('DR1734315 / Lawley');
    expect(r.text).toMatch(/page 3/);
  });
});

describe('ticket PDF', () => {
  const billing: TicketBilling = {
    ticketId: 'x', ticketUid: 'FT490441', billingType: 'billable', reason: 'No guarantee and no contract: billable', guaranteeExpiresAt: null, contractId: null,
    feeScheduleId: 'f', requiresApproval: true, afterHours: true, estimated: { hours: 1, labourCents: 10000, partsCents: 0, travelCents: 5000, totalCents: 52500 },
    actual: { hours: 2, labourCents: 20000, partsCents: 1000, travelCents: 5000, totalCents: 61000 }, approvalStatus: 'approved', decidedBy: 'm',
    decidedAt: '2026-11-25T09:00:00Z', decisionReason: 'Customer agreed', invoiceRequestedAt: null, invoiceId: 'INV-7', invoicedAt: '2026-11-26T09:00:00Z',
    createdAt: '2026-11-25T08:00:00Z', updatedAt: '2026-11-25T08:00:00Z',
  };

  it('prints every section of a resolved, billed ticket', async () => {
    const t = ticket(1, {
      ticketUid: 'FT490441', category: 'No signal', description: 'Customer reports a red LOS light.', status: 'resolved', resolvedAt: '2026-11-25T15:00:00Z',
      faultCause: 'material_failure', resolutionNotes: 'Replaced the ONT.', dueAt: '2026-11-25T16:00:00Z', reporterName: 'Jane', reporterPhone: '+27820000000',
      sla: { ...ticket(0).sla, state: 'met', dueAt: '2026-11-25T16:00:00Z' },
    });
    const r = await text(
      ticketPdf({
        ticket: t, billing, timeZone: 'Africa/Johannesburg', generatedAt: new Date('2026-11-26T10:00:00Z'), generatedBy: 'Fiona Finance',
        timeline: [
          { kind: 'event', id: 'h1', at: '2026-11-25T08:00:00Z', actor: 'Agent', text: 'Created ticket FT490441' },
          { kind: 'event', id: 'h2', at: '2026-11-25T09:00:00Z', actor: 'Mpho', text: 'Billable work approved', detail: 'Customer agreed' },
          { kind: 'note', id: 'n1', at: '2026-11-25T10:00:00Z', actor: 'Jane', note: { id: 'n1', ticketId: 'x', noteType: 'external', channel: 'whatsapp', body: 'Thank you!', authorId: null, authorName: 'Jane', createdAt: '2026-11-25T10:00:00Z' } },
        ],
      }),
      'full.pdf',
    );
    for (const s of ['FT490441', 'No signal', 'Estimate R 525,00 excl. VAT (1 h, after hours)', 'Actual R 610,00', 'Approval: Approved 25 Nov 2026, 11:00 (Customer agreed)', 'Invoiced: INV-7', 'Replaced the ONT.', 'External note (whatsapp): Thank you!', 'Material failure']) {
      expect(r.text).toContain(s);
    }
  });

  it('prints a bare ticket without empty sections', async () => {
    const r = await text(ticketPdf({ ticket: ticket(2), billing: { ...billing, estimated: null, actual: null, approvalStatus: 'pending', decidedAt: null, decisionReason: null, invoiceId: 'INV-8', invoicedAt: null, afterHours: false }, timeline: [], timeZone: 'Africa/Johannesburg', generatedAt: new Date(), generatedBy: 'A' }), 'bare.pdf');
    expect(r.text).toContain('No description.');
    expect(r.text).toContain('Nothing recorded yet.');
    expect(r.text).not.toContain('Resolution\n');
    expect(r.text).not.toContain('Estimate');
    expect(r.text).toMatch(/Approval: Pending\s*\n/);
    expect(r.text).toMatch(/Invoiced: INV-8\s*\n/);
  });

  it('prints a ticket without billing when the reader may not see it', async () => {
    const r = await text(ticketPdf({ ticket: ticket(3), billing: null, timeline: [], timeZone: 'Africa/Johannesburg', generatedAt: new Date(), generatedBy: 'A' }), 'nobilling.pdf');
    expect(r.text).not.toMatch(/^Billing$/m);
  });
});
