// A real IMAP server for tests: Debian's dovecot (apt-get install dovecot-imapd), started in the foreground on a
// loopback port with its config, state and one throwaway maildir user under a temp dir. Works as root (mail runs as
// nobody) and as an ordinary user. Under CI=true a missing dovecot is an error, never a skip.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export const DOVECOT_BIN = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p)) ?? null;

/** True when the suite can run; under CI=true throws instead of answering false. */
export function dovecotAvailable(): boolean {
  if (DOVECOT_BIN) return true;
  if (process.env.CI === 'true') throw new Error('dovecot is not installed (apt-get install -y dovecot-imapd); CI must not skip the IMAP tests');
  return false;
}

export interface TestDovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Stops the server (SIGTERM: the master takes its login and imap processes down, dropping every connection). */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same mailbox. */
  start(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForPort(port: number, proc: ChildProcess, log: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`dovecot exited (${proc.exitCode}): ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('data', () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}: ${log()}`);
}

export async function startDovecot(): Promise<TestDovecot> {
  if (!DOVECOT_BIN) throw new Error('dovecot is not installed');
  const dir = mkdtempSync(path.join(tmpdir(), 'ff-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const me = userInfo().username;
  const mailUid = root ? 65534 : process.getuid?.() ?? 1000;
  const mailGid = root ? 65534 : process.getgid?.() ?? 1000;
  const home = path.join(dir, 'home');
  mkdirSync(home, { recursive: true });
  mkdirSync(path.join(dir, 'run'), { recursive: true });
  if (root) chownSync(home, mailUid, mailGid);
  const user = 'tickets';
  const password = 'imap-test-password';
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${mailUid}:${mailGid}::${home}/${user}::\n`);
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(conf, [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain login',
    `mail_location = maildir:~/Maildir`,
    'first_valid_uid = 1',
    'first_valid_gid = 1',
    root ? 'default_login_user = dovenull' : `default_login_user = ${me}`,
    root ? 'default_internal_user = dovecot' : `default_internal_user = ${me}`,
    root ? '' : `default_internal_group = ${me}`,
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN ${dir}/passwd\n}`,
    `userdb {\n  driver = passwd-file\n  args = ${dir}/passwd\n}`,
    `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    'service anvil {\n  chroot =\n}',
    'protocol imap {\n  mail_max_userip_connections = 50\n}',
    '',
  ].join('\n'));
  mkdirSync(path.join(dir, 'state'), { recursive: true });
  let proc: ChildProcess | null = null;
  const readLog = () => {
    try {
      return readFileSync(path.join(dir, 'dovecot.log'), 'utf8').slice(-2000);
    } catch {
      return '(no log)';
    }
  };
  const start = async () => {
    proc = spawn(DOVECOT_BIN, ['-F', '-c', conf], { stdio: 'ignore' });
    await waitForPort(port, proc, readLog);
  };
  const kill = async () => {
    const p = proc;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
    await new Promise((r) => setTimeout(r, 200));
  };
  await start();
  return {
    host: '127.0.0.1', port, user, password, kill, start,
    close: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TcpProxy {
  port: number;
  /** Drops every open connection (as a network failure would). */
  cut(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy in front of a server, so a test can drop the client's connection mid-conversation. */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const { createServer: createTcp, connect } = await import('node:net');
  const sockets = new Set<import('node:net').Socket>();
  const server = createTcp((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    port: (server.address() as { port: number }).port,
    cut,
    close: () => new Promise<void>((resolve) => {
      cut();
      server.close(() => resolve());
    }),
  };
}
