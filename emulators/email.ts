// A loopback mail world for the demo: an SMTP sink (smtp-server) that keeps every mail the app sends (acknowledgements,
// status updates, agents' notes), and a sender that posts raw RFC 822 mails to the app's inbound-mail webhook, the way
// an inbound-mail service would, then answers the first acknowledgement so the reply joins its ticket.
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  to: string[];
  subject: string;
  messageId: string;
  raw: string;
}

export interface EmailEmulator {
  url: string;
  port: number;
  mails: SunkMail[];
  close(): Promise<void>;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head);
  return m ? m[1].trim() : '';
}

export async function startEmailEmulator(o: { port?: number; onMail?: (m: SunkMail) => void } = {}): Promise<EmailEmulator> {
  const mails: SunkMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: 'demo' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const m = { to: session.envelope.rcptTo.map((r) => r.address), subject: header(raw, 'Subject'), messageId: header(raw, 'Message-ID'), raw };
        mails.push(m);
        o.onMail?.(m);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The demo's inbound mails: a fault with a drop number, an HTML-only mail, and an out-of-office that must not open a ticket. */
export function demoMails(now = new Date()): string[] {
  const date = now.toUTCString();
  return [
    ['From: Thandi Mokoena <thandi@example.co.za>', 'To: tickets@fibreflow.local', 'Subject: No internet since this morning, DR1734315', `Date: ${date}`,
      `Message-ID: <demo-fault-${now.getTime()}@example.co.za>`, 'Content-Type: text/plain; charset=utf-8', '',
      'Good morning,', '', 'The light on my ONT is red since 06:00. Drop DR1734315, Lawley.', '', 'Thandi', '-- ', 'Thandi Mokoena', '082 555 0101', ''].join('\r\n'),
    ['From: "Sipho Dlamini" <sipho@example.co.za>', 'Subject: Cable hanging low in Mohadin', `Date: ${date}`, `Message-ID: <demo-html-${now.getTime()}@example.co.za>`,
      'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '', '<p>Hello,</p><p>A fibre cable is hanging low across the street outside number 14.</p>', ''].join('\r\n'),
    ['From: Johan Botha <johan@example.co.za>', 'Subject: Out of office', 'Auto-Submitted: auto-replied', `Date: ${date}`, `Message-ID: <demo-ooo-${now.getTime()}@example.co.za>`,
      'Content-Type: text/plain', '', 'I am on leave until Monday.', ''].join('\r\n'),
  ];
}

/** A reply from the reporter to one of our mails, threaded on it. */
export function demoReply(to: SunkMail): string {
  return [`From: ${to.to[0]}`, `Subject: Re: ${to.subject.replace(/^Re:\s*/i, '')}`, `In-Reply-To: ${to.messageId}`, `References: ${to.messageId}`,
    `Message-ID: <demo-reply-${Date.now()}@example.co.za>`, 'Content-Type: text/plain; charset=utf-8', '', 'Thank you. I am home all day if the technician needs access.', '',
    `On ${new Date().toUTCString()}, FibreFlow Tickets wrote:`, '> We received your message and opened the ticket.', ''].join('\r\n');
}

/** Posts a raw mail to the app's webhook, retrying while the app is still starting. */
export async function postToApp(appUrl: string, token: string, raw: string, tries = 40): Promise<number> {
  for (let i = 0; i < tries; i++) {
    try {
      const res = await fetch(`${appUrl.replace(/\/$/, '')}/api/ticketing/tickets-webhook-email`, {
        method: 'POST', headers: { 'content-type': 'message/rfc822', 'x-webhook-token': token }, body: raw,
      });
      if (res.status < 500) return res.status;
    } catch {
      // the app is not up yet
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
  return 0;
}
