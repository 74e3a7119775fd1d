// Client contracts: list, read, create, update and deactivate, with the client/project checks and unique numbers.
import type { Queryable } from '@/src/lib/db';
import { ConflictError, NotFoundError, UnprocessableError } from '@/src/lib/api/errors';
import { clientExists, findContract, insertContract, listContracts, projectClient, updateContract } from '../../db/contractRepo';
import type { Contract, ContractCreateInput, ContractListQuery, ContractUpdateInput } from '../../types/billing';
import type { ServiceContext } from '../context';
import { isUniqueViolation } from '../ticketAccess';

export function listClientContracts(ctx: ServiceContext, query: ContractListQuery): Promise<Contract[]> {
  return listContracts(ctx.db, query);
}

export async function getContract(ctx: ServiceContext, id: string): Promise<Contract> {
  const c = await findContract(ctx.db, id);
  if (!c) throw new NotFoundError('Contract');
  return c;
}

/** The client must exist; a project, when given, must be one of the client's. */
async function assertScope(q: Queryable, clientId: string, projectId: string | null | undefined): Promise<void> {
  if (!(await clientExists(q, clientId))) throw new UnprocessableError('Unknown client', { field: 'clientId' });
  if (!projectId) return;
  const owner = await projectClient(q, projectId);
  if (!owner) throw new UnprocessableError('Unknown project', { field: 'projectId' });
  if (owner !== clientId) throw new UnprocessableError("The project is not one of the client's projects", { field: 'projectId' });
}

async function uniqueNumber<T>(contractNumber: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`Contract number ${contractNumber} is already in use`, { field: 'contractNumber' });
    throw err;
  }
}

export async function createContract(ctx: ServiceContext, input: ContractCreateInput): Promise<Contract> {
  const now = ctx.clock.now();
  const id = await uniqueNumber(input.contractNumber, () =>
    ctx.db.transaction(async (tx) => {
      await assertScope(tx, input.clientId, input.projectId);
      return insertContract(tx, input, now);
    }),
  );
  ctx.log.info({ contractId: id, contractNumber: input.contractNumber }, 'contract created');
  return getContract(ctx, id);
}

export async function updateClientContract(ctx: ServiceContext, id: string, patch: ContractUpdateInput): Promise<Contract> {
  const now = ctx.clock.now();
  await uniqueNumber(patch.contractNumber, () =>
    ctx.db.transaction(async (tx) => {
      const current = await findContract(tx, id);
      if (!current) throw new NotFoundError('Contract');
      const merged = { ...current, ...patch };
      if (merged.endDate && merged.endDate < merged.startDate) {
        throw new UnprocessableError('endDate must not be before startDate', { field: 'endDate' });
      }
      if ('clientId' in patch || 'projectId' in patch) await assertScope(tx, merged.clientId, merged.projectId);
      await updateContract(tx, id, patch, now);
    }),
  );
  return getContract(ctx, id);
}

/** Contracts are referenced by past billing decisions, so DELETE deactivates instead of removing the row. */
export async function deactivateContract(ctx: ServiceContext, id: string): Promise<Contract> {
  const found = await updateContract(ctx.db, id, { active: false }, ctx.clock.now());
  if (!found) throw new NotFoundError('Contract');
  return getContract(ctx, id);
}
