// Outbox handler for invoice lines: sends the stored line to the invoicing system, then records its id on the ticket.
import { markInvoiced } from '../../db/invoiceRepo';
import { OUTBOX_KINDS, PermanentOutboxError, type OutboxHandler } from '../../jobs/outboxTypes';
import { invoiceLinePayloadSchema } from '../../types/billing';
import { createInvoicingClient, InvoicingError } from './invoicingClient';

export const deliverInvoiceLine: OutboxHandler = async (item, deps) => {
  const parsed = invoiceLinePayloadSchema.safeParse(item.payload);
  if (!parsed.success) throw new PermanentOutboxError(`Invalid invoice line payload: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const { INVOICING_URL: url, INVOICING_API_KEY: apiKey } = deps.config;
  // Not configured yet: an operator can set it, so this is retried rather than dead.
  if (!url || !apiKey) // Shown to finance on the invoices screen: say what it means, not which settings are missing (the README does).
    throw new Error('The invoicing system is not connected yet: an administrator must set it up, then this line can be sent again');
  try {
    const created = await createInvoicingClient({ baseUrl: url, apiKey }).createLine(parsed.data);
    await markInvoiced(deps.db, parsed.data.ticketUid, created.id, deps.clock.now());
    return { invoiceLineId: created.id, replayed: created.replayed };
  } catch (err) {
    if (err instanceof InvoicingError && !err.retryable) {
      throw Object.assign(new PermanentOutboxError(err.message), { response: err.response });
    }
    throw err;
  }
};

export const invoicingOutboxHandlers: Record<string, OutboxHandler> = {
  [OUTBOX_KINDS.invoiceLine]: deliverInvoiceLine,
};
