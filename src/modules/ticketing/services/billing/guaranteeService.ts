// Per-project guarantee periods: list every project's, read one (defaults when unset), set one.
import { NotFoundError } from '@/src/lib/api/errors';
import { findProjectGuarantee, listGuarantees, upsertGuarantee } from '../../db/guaranteeRepo';
import type { Guarantee, GuaranteeUpsertInput } from '../../types/billing';
import type { ServiceContext } from '../context';

export function listProjectGuarantees(ctx: ServiceContext, clientId?: string): Promise<Guarantee[]> {
  return listGuarantees(ctx.db, clientId);
}

export async function getProjectGuarantee(ctx: ServiceContext, projectId: string): Promise<Guarantee> {
  const g = await findProjectGuarantee(ctx.db, projectId);
  if (!g) throw new NotFoundError('Project');
  return g;
}

export async function setProjectGuarantee(ctx: ServiceContext, input: GuaranteeUpsertInput): Promise<Guarantee> {
  await getProjectGuarantee(ctx, input.projectId);
  await upsertGuarantee(ctx.db, input, ctx.clock.now());
  ctx.log.info({ projectId: input.projectId, days: input.guaranteePeriodDays }, 'project guarantee set');
  return getProjectGuarantee(ctx, input.projectId);
}
