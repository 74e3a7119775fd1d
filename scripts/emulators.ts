// npm run emulators: starts every demo emulator (emulators/index.ts) on its well-known loopback port, beside
// `npm start`, so a newcomer sees tickets arrive from WhatsApp, QContact and email with no account anywhere.
// `npm start` on the embedded demo database already points the app at these ports (DEMO_CHANNELS=false turns that off).
import { DEMO_EMULATORS, type RunningEmulator } from '../emulators';

const appUrl = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;

async function main(): Promise<void> {
  const running: { name: string; emu: RunningEmulator }[] = [];
  for (const e of DEMO_EMULATORS) {
    const emu = await e.start({ port: e.port, appUrl, log: (m) => console.log(`[${e.name}] ${m}`) });
    running.push({ name: e.name, emu });
    console.log(`${e.name.padEnd(12)} ${emu.url}   app settings: ${Object.entries(e.appEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  }
  console.log(`\n${running.length} emulator(s) running for the app at ${appUrl}. Ctrl+C stops them.`);
  const stop = async () => {
    await Promise.all(running.map((r) => r.emu.close()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('Emulators failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
