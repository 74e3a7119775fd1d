// Links into the ticket list with filters in the URL: every dashboard number clicks through to its tickets.
import { toQuery } from './api';

export type ListFilters = Record<string, string | undefined>;

export const TICKET_LIST_PATH = '/ticketing/tickets';

export function ticketListHref(filters: ListFilters = {}): string {
  return `${TICKET_LIST_PATH}${toQuery(filters)}`;
}
