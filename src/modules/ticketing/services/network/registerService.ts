// Register use cases for clients and projects: search with keyset paging, create, edit, deactivate (never delete).
import { ConflictError, NotFoundError, UnprocessableError } from '@/src/lib/api/errors';
import type { Queryable } from '@/src/lib/db';
import {
  findRegisterClient, findRegisterProject, insertClient, insertProject, listRegisterClients, listRegisterProjects, updateClient, updateProject,
} from '../../db/networkRepo';
import { assertRegisterWritable } from '../../db/registerSource';
import { UUID_RE } from '../../db/uuid';
import type {
  ClientCreate, ClientUpdate, NetworkClient, NetworkProject, ProjectCreate, ProjectRegisterQuery, ProjectUpdate, RegisterListQuery,
} from '../../types/network';
import type { ServiceContext } from '../context';
import { decodeCursor, pageOf } from '../registerCursor';
import { isUniqueViolation } from '../ticketAccess';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A unique violation becomes a 409 that names what clashed; anything else is rethrown. */
export async function uniquely<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`${what} already exists`);
    throw err;
  }
}

export async function searchClients(ctx: ServiceContext, query: RegisterListQuery): Promise<Page<NetworkClient>> {
  const after = decodeCursor(query.cursor);
  const rows = await listRegisterClients(ctx.db, { q: query.q ?? null, after, limit: query.limit, includeInactive: query.includeInactive ?? false });
  return pageOf(rows, query.limit, (c) => ({ key: c.name.toLowerCase(), id: c.id }));
}

async function loadClient(q: Queryable, id: string): Promise<NetworkClient> {
  const c = UUID_RE.test(id) ? await findRegisterClient(q, id) : null;
  if (!c) throw new NotFoundError('Client');
  return c;
}

export async function createClient(ctx: ServiceContext, input: ClientCreate): Promise<NetworkClient> {
  assertRegisterWritable();
  return ctx.db.transaction(async (tx) => {
    const id = await uniquely('A client with this name or code', () => insertClient(tx, input, ctx.clock.now()));
    ctx.log.info({ clientId: id }, 'client created');
    return loadClient(tx, id);
  });
}

export async function editClient(ctx: ServiceContext, id: string, input: ClientUpdate): Promise<NetworkClient> {
  assertRegisterWritable();
  return ctx.db.transaction(async (tx) => {
    await loadClient(tx, id);
    await uniquely('A client with this name or code', () => updateClient(tx, id, input, ctx.clock.now()));
    return loadClient(tx, id);
  });
}

export async function searchProjects(ctx: ServiceContext, query: ProjectRegisterQuery): Promise<Page<NetworkProject>> {
  const after = decodeCursor(query.cursor);
  const rows = await listRegisterProjects(ctx.db, {
    q: query.q ?? null, after, limit: query.limit, includeInactive: query.includeInactive ?? false, clientId: query.client ?? null,
  });
  return pageOf(rows, query.limit, (p) => ({ key: p.name.toLowerCase(), id: p.id }));
}

async function loadProject(q: Queryable, id: string): Promise<NetworkProject> {
  const p = UUID_RE.test(id) ? await findRegisterProject(q, id) : null;
  if (!p) throw new NotFoundError('Project');
  return p;
}

export async function createProject(ctx: ServiceContext, input: ProjectCreate): Promise<NetworkProject> {
  assertRegisterWritable();
  return ctx.db.transaction(async (tx) => {
    const client = await findRegisterClient(tx, input.clientId);
    if (!client) throw new UnprocessableError('Unknown client', { field: 'clientId' });
    if (!client.active) throw new UnprocessableError(`Client ${client.name} is deactivated`, { field: 'clientId' });
    const id = await uniquely('A project with this code', () => insertProject(tx, input, ctx.clock.now()));
    return loadProject(tx, id);
  });
}

export async function editProject(ctx: ServiceContext, id: string, input: ProjectUpdate): Promise<NetworkProject> {
  assertRegisterWritable();
  return ctx.db.transaction(async (tx) => {
    await loadProject(tx, id);
    await uniquely('A project with this code', () => updateProject(tx, id, input, ctx.clock.now()));
    return loadProject(tx, id);
  });
}
