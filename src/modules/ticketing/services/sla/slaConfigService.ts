// SLA config use cases: list, create and change the targets per ticket type and priority. A change applies to
// tickets whose targets are set from then on; open tickets keep the targets they were given.
import { ConflictError, NotFoundError, ValidationError } from '@/src/lib/api/errors';
import { findSlaConfig, insertSlaConfig, listSlaConfigs, updateSlaConfig } from '../../db/slaConfigRepo';
import { slaConfigProblems, type SlaConfig, type SlaConfigCreateInput, type SlaConfigListQuery, type SlaConfigUpdateInput } from '../../types/sla';
import type { ServiceContext } from '../context';

export function listConfigs(ctx: ServiceContext, query: SlaConfigListQuery): Promise<SlaConfig[]> {
  return listSlaConfigs(ctx.db, query);
}

export async function createConfig(ctx: ServiceContext, input: SlaConfigCreateInput): Promise<SlaConfig> {
  const created = await insertSlaConfig(ctx.db, input, ctx.clock.now());
  if (!created) throw new ConflictError(`An SLA config for ${input.ticketType} / ${input.priority} already exists; change it instead`);
  ctx.log.info({ userId: ctx.user.id, slaConfigId: created.id, ticketType: input.ticketType, priority: input.priority }, 'SLA config created');
  return created;
}

export async function changeConfig(ctx: ServiceContext, id: string, input: SlaConfigUpdateInput): Promise<SlaConfig> {
  return ctx.db.transaction(async (tx) => {
    const current = await findSlaConfig(tx, id);
    if (!current) throw new NotFoundError('SLA config');
    const merged = { ...current, ...input };
    const problems = slaConfigProblems(merged);
    if (problems.length) {
      throw new ValidationError('Invalid SLA config', { location: 'body', fields: problems.map((p) => ({ ...p, code: 'custom' })) });
    }
    const updated = await updateSlaConfig(tx, id, merged, ctx.clock.now());
    ctx.log.info({ userId: ctx.user.id, slaConfigId: id, change: input }, 'SLA config changed');
    return updated;
  });
}
