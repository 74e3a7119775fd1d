// Loopback stand-ins for the systems notifications go to: an SMTP server (smtp-server) that keeps every message,
// and a WAHA server answering POST /api/sendText per the contract in contracts/waha.md.
import { createServer, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  raw: string;
}

export interface TestSmtp {
  port: number;
  mails: ReceivedMail[];
  /** Refuse the next n messages with this SMTP reply code (e.g. 451 temporary, 550 permanent). */
  refuseNext(n: number, code: number): void;
  close(): Promise<void>;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return m ? m[1].trim() : '';
}

export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  let refuse = { n: 0, code: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse.n > 0) {
          refuse.n -= 1;
          const err = Object.assign(new Error(refuse.code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: refuse.code });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: header(raw, 'Subject'),
          messageId: header(raw, 'Message-ID'),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as { port: number }).port,
    mails,
    refuseNext: (n, code) => {
      refuse = { n, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TestWaha {
  url: string;
  apiKey: string;
  sent: { session: string; chatId: string; text: string }[];
  /** Answer the next n sends with this HTTP status. */
  failNext(n: number, status: number): void;
  /** Answer the next send with a plain-text body (some proxies in front of WAHA do). */
  plainNext(): void;
  close(): Promise<void>;
}

export async function startTestWaha(apiKey = 'waha-test-key'): Promise<TestWaha> {
  const sent: TestWaha['sent'] = [];
  let fail = { n: 0, status: 0 };
  let seq = 0;
  let plain = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.headers['x-api-key'] !== apiKey) {
        res.statusCode = 401;
        res.end(JSON.stringify({ message: 'Unauthorized', statusCode: 401 }));
        return;
      }
      if (req.method !== 'POST' || req.url !== '/api/sendText') {
        res.statusCode = 404;
        res.end(JSON.stringify({ message: 'Not found' }));
        return;
      }
      if (fail.n > 0) {
        fail.n -= 1;
        res.statusCode = fail.status;
        res.end(JSON.stringify({ message: 'failure', statusCode: fail.status }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as TestWaha['sent'][number];
      sent.push(body);
      seq += 1;
      if (plain) {
        plain = false;
        res.setHeader('content-type', 'text/plain');
        res.end('OK');
        return;
      }
      // WEBJS answers with id as an object carrying _serialized.
      res.end(JSON.stringify({ id: { fromMe: true, remote: body.chatId, id: `MSG${seq}`, _serialized: `true_${body.chatId}_MSG${seq}` }, body: body.text }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    sent,
    failNext: (n, status) => {
      fail = { n, status };
    },
    plainNext: () => {
      plain = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
