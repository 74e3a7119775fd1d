// Reads a filtered ticket list page by page through the list service (keyset paging), so exports use constant memory.
import type { TicketListQuery } from '../../types/ticketList';
import type { ExportTicketsQuery } from '../../types/exports';
import type { ServiceContext } from '../context';
import type { TicketWithSla } from '../sla/slaView';
import { listTickets } from '../ticketQueryService';

// 1,000 rows a page: a 100,000-row export is 100 keyset queries rather than 500, and a page stays a few MB.
export const EXPORT_PAGE_SIZE = 1000;

export type ExportFilters = Omit<ExportTicketsQuery, 'format'>;

/**
 * Yields the tickets of a filter, at most `maxRows`. The first page is read eagerly by the caller through
 * firstPage(), so a failing query becomes an error answer before any byte of the file is sent.
 */
export async function openTicketSource(ctx: ServiceContext, filters: ExportFilters, maxRows: number, pageSize = EXPORT_PAGE_SIZE) {
  const query = (cursor?: string): TicketListQuery => ({ ...filters, limit: Math.min(pageSize, maxRows), cursor });
  const first = await listTickets(ctx, query());
  async function* rows(): AsyncGenerator<TicketWithSla> {
    let page = first;
    let sent = 0;
    for (;;) {
      for (const t of page.tickets) {
        if (sent >= maxRows) return;
        sent += 1;
        yield t;
      }
      if (!page.nextCursor || sent >= maxRows) return;
      page = await listTickets(ctx, query(page.nextCursor));
    }
  }
  return { rows, firstPageCount: first.tickets.length };
}
