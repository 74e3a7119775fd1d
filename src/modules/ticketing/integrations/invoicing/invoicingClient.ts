// REST client for the external invoicing system: one line item per ticket, API key auth, Idempotency-Key = ticket UID.
import { centsToDecimal } from '../../services/billing/money';
import type { InvoiceLinePayload } from '../../types/billing';

export interface InvoicingClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

/** The line as the invoicing system takes it: amounts as decimal strings in rand. */
export interface InvoiceLineWire {
  reference: string;
  drNumber: string | null;
  client: { id: string | null; name: string | null };
  description: string;
  quantity: number;
  unitPrice: string;
  vatRate: string;
  vat: string;
  total: string;
  currency: string;
  serviceDate: string | null;
}

export interface CreatedInvoiceLine {
  id: string;
  /** True when the system had already seen this idempotency key and returned the first result. */
  replayed: boolean;
  body: unknown;
}

/** A refused or failed call; `retryable` says whether trying again later can help. */
export class InvoicingError extends Error {
  constructor(
    message: string,
    public readonly status: number | null,
    public readonly retryable: boolean,
    public readonly response?: unknown,
  ) {
    super(message);
    this.name = 'InvoicingError';
  }
}

export function toWire(line: InvoiceLinePayload): InvoiceLineWire {
  return {
    reference: line.ticketUid,
    drNumber: line.drNumber,
    client: { id: line.clientId, name: line.clientName },
    description: line.description,
    quantity: line.quantity,
    unitPrice: centsToDecimal(line.unitPriceCents),
    vatRate: line.vatRatePercent.toFixed(2),
    vat: centsToDecimal(line.vatCents),
    total: centsToDecimal(line.totalCents),
    currency: line.currency,
    serviceDate: line.resolvedOn,
  };
}

/** 5xx, 408, 429 and 409 (the same key still in flight) are worth retrying; other refusals are final. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 409 || status === 429;
}

export function createInvoicingClient(o: InvoicingClientOptions) {
  const base = o.baseUrl.replace(/\/+$/, '');
  return {
    async createLine(line: InvoiceLinePayload): Promise<CreatedInvoiceLine> {
      let res: Response;
      try {
        res = await fetch(`${base}/v1/invoice-lines`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': o.apiKey, 'idempotency-key': line.ticketUid },
          body: JSON.stringify(toWire(line)),
          signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new InvoicingError(`Invoicing system unreachable: ${(err as Error).message}`, null, true);
      }
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON (a proxy's error page): keep the text for the outbox row.
      }
      if (!res.ok) {
        const detail = typeof body === 'object' && body !== null && 'error' in body ? JSON.stringify((body as { error: unknown }).error) : text.slice(0, 200);
        throw new InvoicingError(`Invoicing system answered ${res.status}: ${detail}`, res.status, isRetryableStatus(res.status), body);
      }
      const id = (body as { id?: unknown }).id;
      if (typeof id !== 'string') throw new InvoicingError('Invoicing system answered without a line id', res.status, true, body);
      return { id, replayed: res.headers.get('idempotent-replayed') === 'true', body };
    },
  };
}
export type InvoicingClient = ReturnType<typeof createInvoicingClient>;
