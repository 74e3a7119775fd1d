// Outbound email over SMTP (nodemailer), configured by SMTP_*: one connection per message, closed afterwards.
import nodemailer from 'nodemailer';
import type { AppConfig } from '@/src/lib/config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A stable Message-ID, so a retried send is recognisable as the same message. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Extra headers (Auto-Submitted on automatic mail). */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

export class SmtpNotConfiguredError extends Error {
  constructor() {
    super('SMTP is not configured (set SMTP_HOST)');
    this.name = 'SmtpNotConfiguredError';
  }
}

/** True when the server refused for good (5xx reply): retrying the same message cannot help. */
export function isPermanentSmtpFailure(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export async function sendSmtpMail(config: AppConfig, mail: OutgoingMail): Promise<SentMail> {
  if (!config.SMTP_HOST) throw new SmtpNotConfiguredError();
  const transport = nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASS ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: config.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId,
      inReplyTo: mail.inReplyTo, references: mail.references, headers: mail.headers,
    });
    // The SMTP transport reports recipients as plain address strings.
    return { messageId: info.messageId, accepted: info.accepted.map(String), rejected: info.rejected.map(String), response: info.response };
  } finally {
    transport.close();
  }
}
