// A run of WhatsApp events in one transaction writes its commonest work at its end, in one statement: the notes its
// messages became on tickets that were already open (with the messages they record) and the acks on messages held
// before the run. Whatever reads those rows inside the run (an edit, a revoke, an echo of our own send) writes them
// first; the run's memo answers the rest (a twin, an ack on a message the run wrote) as the rows would.
import type { Queryable } from '@/src/lib/db';
import { writeRun } from '../../db/whatsappRunWrites';
import type { OutboxDeps } from '../../jobs/outboxTypes';
import type { ServiceContext } from '../../services/context';
import { LIFECYCLE_HOOKS } from '../../services/lifecycle';
import { WHATSAPP_ACTOR } from '../../services/whatsapp/conversationWrites';
import type { WaRunMemo } from './runMemo';

/** The service context of what arrives on WhatsApp (the WhatsApp actor: never counts as our first response). */
export function whatsappCtx(deps: OutboxDeps): ServiceContext {
  return { db: deps.db, clock: deps.clock, log: deps.log, config: deps.config, user: WHATSAPP_ACTOR };
}

/** Writes what the run left for its end, then tells the lifecycle hooks of each note, as a note written at once would. */
export async function flushRun(tx: Queryable, deps: OutboxDeps, memo: WaRunMemo): Promise<void> {
  const { notes, acks } = memo.takeDeferred();
  await writeRun(tx, notes.map((n) => n.note), acks, WHATSAPP_ACTOR.name);
  const ctx = whatsappCtx(deps);
  for (const { note, ticket } of notes) {
    for (const hook of LIFECYCLE_HOOKS) {
      await hook.onNoteAdded?.(tx, ctx, ticket, { noteType: 'external', channel: 'whatsapp', createdAt: note.at, direction: 'inbound' });
    }
  }
}
