// The inbound processor registry: each inbound_events source and the processor that turns it into tickets and notes.
// A channel adds one line here; events of a source with no processor wait in the queue (visible on the integration page).
import type { InboundProcessor } from './inboundTypes';
import { processEmailEvent } from '../services/email/emailIntakeService';

export const INBOUND_PROCESSORS: Record<string, InboundProcessor> = {
  email: processEmailEvent,
};
