// Every emulator the local demo runs (`npm run emulators` beside `npm start`): its well-known port, the settings
// the app needs to talk to it, and how to start it. A channel adds one entry; nothing here runs in production.
export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

export interface DemoEmulatorContext {
  port: number;
  /** Where the app listens (webhooks are pushed here). */
  appUrl: string;
  log(message: string): void;
}

export interface DemoEmulator {
  name: string;
  port: number;
  /** Settings `npm start` gives the app on the embedded demo database, so it talks to this emulator. */
  appEnv: Record<string, string>;
  start(ctx: DemoEmulatorContext): Promise<RunningEmulator>;
}

export const DEMO_EMULATORS: DemoEmulator[] = [
  {
    name: 'invoicing',
    port: 4010,
    appEnv: { INVOICING_URL: 'http://127.0.0.1:4010', INVOICING_API_KEY: 'demo-invoicing-key' },
    start: async (ctx) => (await import('./invoicing')).startInvoicingEmulator({ apiKey: 'demo-invoicing-key', port: ctx.port }),
  },
  {
    name: 'waha',
    port: 4020,
    appEnv: { WAHA_URL: 'http://127.0.0.1:4020', WAHA_API_KEY: 'demo-waha-key', WAHA_SESSION: 'default', WAHA_WEBHOOK_KEY: 'demo-waha-webhook-key' },
    start: async (ctx) => (await import('./wahaDemo')).startDemoWaha(ctx),
  },
  {
    name: 'sms',
    port: 4021,
    appEnv: { SMS_URL: 'http://127.0.0.1:4021', SMS_API_KEY: 'demo-sms-key', SMS_SENDER: 'FibreFlow' },
    start: async (ctx) => (await import('./sms')).startSmsEmulator({ apiKey: 'demo-sms-key', port: ctx.port }),
  },
  {
    name: 'qcontact',
    port: 4030,
    appEnv: {
      QCONTACT_URL: 'http://127.0.0.1:4030', QCONTACT_EMAIL: 'maintenance@velocity.demo', QCONTACT_PASSWORD: 'demo-qcontact-password',
      QCONTACT_ASSIGNEE_ID: '78001', QCONTACT_SYNC_MINUTES: '1', QCONTACT_WEBHOOK_SECRET: 'demo-qcontact-webhook-secret',
    },
    start: async (ctx) => (await import('./qcontactDemo')).startDemoQcontact({ port: ctx.port, log: ctx.log }),
  },
  {
    // An SMTP sink for the app's mail, and a few raw mails posted to its inbound-mail webhook (one reply follows the
    // first acknowledgement, so it joins its ticket; an out-of-office lands in the review queue).
    name: 'email',
    port: 4025,
    appEnv: { SMTP_HOST: '127.0.0.1', SMTP_PORT: '4025', EMAIL_WEBHOOK_TOKEN: 'demo-email-webhook-token-0001' },
    start: async (ctx) => {
      const { startEmailEmulator, demoMails, demoReply, postToApp } = await import('./email');
      let replied = false;
      const emu = await startEmailEmulator({
        port: ctx.port,
        onMail: (m) => {
          ctx.log(`mail to ${m.to.join(', ')}: ${m.subject}`);
          if (!replied && /^Re: \[EML-/.test(m.subject)) {
            replied = true;
            void postToApp(ctx.appUrl, 'demo-email-webhook-token-0001', demoReply(m)).then((s) => ctx.log(`reporter replied to ${m.messageId}: HTTP ${s}`));
          }
        },
      });
      void (async () => {
        for (const raw of demoMails()) ctx.log(`posted a mail to the app's webhook: HTTP ${await postToApp(ctx.appUrl, 'demo-email-webhook-token-0001', raw)}`);
      })();
      return emu;
    },
  },
];

/** The settings of every demo emulator, merged (what `npm start` passes to the app in demo mode). */
export function demoChannelEnv(emulators: readonly DemoEmulator[] = DEMO_EMULATORS): Record<string, string> {
  return Object.assign({}, ...emulators.map((e) => e.appEnv)) as Record<string, string>;
}
