// The WAHA emulator's demo: once the app answers, it pushes a signed conversation (a fault naming a Lawley drop, a photo,
// a document, a follow-up without a DR, and a message in a field-team group) so WhatsApp tickets appear on their own.
import type { DemoEmulatorContext, RunningEmulator } from './index';
import { startWahaEmulator } from './waha';

export const DEMO_WAHA = { apiKey: 'demo-waha-key', hmacKey: 'demo-waha-webhook-key', session: 'default' };

async function appIsUp(appUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${appUrl}/api/ticketing/health`)).ok;
  } catch {
    return false;
  }
}

export async function startDemoWaha(ctx: DemoEmulatorContext): Promise<RunningEmulator> {
  const waha = await startWahaEmulator({
    apiKey: DEMO_WAHA.apiKey, hmacKey: DEMO_WAHA.hmacKey, port: ctx.port, echoSends: true,
    webhookUrl: `${ctx.appUrl.replace(/\/$/, '')}/api/ticketing/tickets-webhook-whatsapp`,
  });
  let stopped = false;
  const conversation = async () => {
    const chat = '27829990011@c.us';
    const steps: [string, Record<string, unknown>][] = [
      ['message', waha.message({ from: chat, notifyName: 'Johan van Wyk', body: 'Goeie more, dr 1734316 geen internet sedert gister. Red light on the router.' })],
      ['message', waha.message({ from: chat, notifyName: 'Johan van Wyk', body: 'Here is a photo', media: waha.addMedia('photo') })],
      ['message', waha.message({ from: chat, notifyName: 'Johan van Wyk', body: 'And the speed test', media: waha.addMedia('document') })],
      ['message', waha.message({ from: chat, notifyName: 'Johan van Wyk', body: 'I am home all day' })],
      ['message', waha.message({ from: '120363000000000001@g.us', participant: '27829990022@c.us', notifyName: 'Lawley field team', body: 'DR1734317 fibre cut at the pole, splicing tomorrow' })],
    ];
    for (const [event, payload] of steps) {
      await waha.pushTwins(payload);
      ctx.log(`pushed ${event} ${String((payload as { body?: string }).body).slice(0, 40)}`);
    }
  };
  void (async () => {
    for (let i = 0; i < 120 && !stopped; i += 1) {
      if (await appIsUp(ctx.appUrl)) return conversation().catch((err: unknown) => ctx.log(`demo push failed: ${(err as Error).message}`));
      await new Promise((r) => setTimeout(r, 2000));
    }
    ctx.log('the app did not answer: no demo conversation pushed');
  })();
  return {
    url: waha.url,
    close: async () => {
      stopped = true;
      await waha.close();
    },
  };
}
