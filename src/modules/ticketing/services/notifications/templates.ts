// Notification templates, one per event (pure): subject, plain text (email and WhatsApp) and a small HTML body.
import { formatInstant } from '../displayFormat';
import type { NotificationEvent } from '../../types/notifications';

export interface TemplateInput {
  recipientName: string;
  ticket: { ticketUid: string; title: string; priority: string; status: string };
  /** 'response' or 'resolution' for SLA events. */
  target?: 'response' | 'resolution';
  percent?: number;
  dueAt?: Date | null;
  assigneeName?: string | null;
  timezone: string;
  appUrl: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const TARGET_NAME = { response: 'first response', resolution: 'resolution' } as const;

function when(d: Date | null | undefined, tz: string): string {
  return d ? `${formatInstant(d, tz)} (${tz})` : 'not set';
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function lines(event: NotificationEvent, i: TemplateInput): { subject: string; body: string[] } {
  const t = i.ticket;
  const target = TARGET_NAME[i.target ?? 'resolution'];
  const due = when(i.dueAt, i.timezone);
  switch (event) {
    case 'sla.warning':
      return {
        subject: `[${t.ticketUid}] SLA warning: ${i.percent ?? 0}% of the ${target} time used`,
        body: [`The ${target} target of ticket ${t.ticketUid} (${t.priority}) is ${i.percent ?? 0}% used.`, `Due: ${due}.`, 'Please act on it now.'],
      };
    case 'sla.escalation':
      return {
        subject: `[${t.ticketUid}] SLA escalation: ${i.percent ?? 0}% of the ${target} time used`,
        body: [
          `Ticket ${t.ticketUid} (${t.priority}) has used ${i.percent ?? 0}% of its ${target} time and is escalated to managers.`,
          `Due: ${due}. Assignee: ${i.assigneeName ?? 'nobody'}.`,
        ],
      };
    case 'sla.breach':
      return {
        subject: `[${t.ticketUid}] SLA breached: ${target} target missed`,
        body: [`Ticket ${t.ticketUid} (${t.priority}) missed its ${target} target, due ${due}.`, `Assignee: ${i.assigneeName ?? 'nobody'}. Status: ${t.status}.`],
      };
    case 'ticket.assigned':
      return {
        subject: `[${t.ticketUid}] Assigned to you: ${t.title}`,
        body: [`Ticket ${t.ticketUid} (${t.priority}) is now assigned to you.`, `Resolution due: ${due}.`],
      };
    case 'network.repeat_fault':
      return {
        subject: `[${t.ticketUid}] ${t.title}`,
        body: [`The repeat-fault rule opened infrastructure ticket ${t.ticketUid} (${t.priority}); the faults are linked to it.`, `Resolution due: ${due}.`],
      };
  }
}

export function renderNotification(event: NotificationEvent, input: TemplateInput): RenderedMessage {
  const { subject, body } = lines(event, input);
  const link = `${input.appUrl.replace(/\/$/, '')}/ticketing/tickets/${encodeURIComponent(input.ticket.ticketUid)}`;
  const all = [`Hello ${input.recipientName},`, '', `${input.ticket.ticketUid}: ${input.ticket.title}`, ...body, '', link];
  const html = all.map((l) => (l === link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : l ? `<p>${escapeHtml(l)}</p>` : '')).join('');
  return { subject, text: all.join('\n'), html };
}
