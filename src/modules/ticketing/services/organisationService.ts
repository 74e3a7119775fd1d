// The organisations a ticket can belong to, listed for pickers (contract, invoice and create forms) and filters.
import { listClients, listProjects } from '../db/organisationRepo';
import type { ClientSummary, ProjectSummary } from '../types/organisations';
import type { ServiceContext } from './context';

export function getClients(ctx: ServiceContext): Promise<ClientSummary[]> {
  return listClients(ctx.db);
}

export function getProjects(ctx: ServiceContext, clientId?: string): Promise<ProjectSummary[]> {
  return listProjects(ctx.db, clientId ?? null);
}
