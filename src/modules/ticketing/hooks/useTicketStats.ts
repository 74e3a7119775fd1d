// Dashboard figures (GET tickets-stats), refreshed every minute while the dashboard is open.
import type { TicketStats } from '../types/stats';
import { toQuery } from './api';
import { useApi } from './useApi';

export function useTicketStats(days = 14) {
  return useApi<TicketStats>(`tickets-stats${toQuery({ days })}`, { refreshInterval: 60_000 });
}
