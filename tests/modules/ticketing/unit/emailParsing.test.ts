// Parsing real-world mail: every charset mail really uses, mbox and line-ending oddities, uuencoded files, automatic
// mail detection, reply trimming, and the small pure rules behind them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEmail, UnparseableMailError } from '@/src/modules/ticketing/integrations/email/parseMail';
import { automaticReason, cleanSubject, drNumbers, isBounce, messageIds, replyText, uidsInSubject } from '@/src/modules/ticketing/integrations/email/mailRules';
import { fixRawHeaders, normaliseRawMail } from '@/src/modules/ticketing/integrations/email/rawMail';
import { extractUuBlocks, uuDecode } from '@/src/modules/ticketing/integrations/email/uuencode';

const fx = (name: string) => readFileSync(path.join(process.cwd(), 'tests', 'fixtures', 'email', name));

describe('charsets', () => {
  it.each([
    ['rfc2047-b-q.eml', 'Kein Signal für – DR1734317', 'Signal weg.', 'Johann Dürr'],
    ['iso-8859-1.eml', 'Problème', 'La fibre ne marche pas, déjà trois jours.', 'René'],
    ['iso-8859-15.eml', 'Euro', 'Price € 100 été', null],
    ['windows-1252.eml', 'Quotes', '“Smart quotes” – and € euro', null],
    ['windows-1251.eml', 'Привет', 'Нет интернета', null],
    ['iso-2022-jp.eml', 'にほんご', 'ひかり回線が切れました', null],
    ['utf-7.eml', 'Café down', 'Réseau coupé', null],
    ['raw-8bit-headers.eml', 'Gat in die pad by Café', "Daar is 'n gat by die café.", 'André Botha'],
    ['mbox-from-line.eml', 'Forwarded from an mbox', 'Mbox body.', null],
    ['mixed-line-endings.eml', 'Mixed endings', 'Line one\nLine two\nLine three', null],
  ])('%s decodes subject, body and sender', async (file, subject, body, name) => {
    const m = await parseEmail(fx(file));
    expect(m.subject).toBe(subject);
    expect(m.text).toBe(body);
    expect(m.fromName).toBe(name);
    expect(m.automatic).toBeNull();
  });

  it('takes a uuencoded file out of the text into an attachment', async () => {
    const m = await parseEmail(fx('uuencoded.eml'));
    expect(m.text).toBe('See the log attached.');
    expect(m.attachments).toEqual([{ fileName: 'ont-log.txt', mimeType: 'application/octet-stream', content: Buffer.from('ONT lost light\n'), inline: false }]);
  });

  it('decodes an x-uuencode part and a UTF-7 part inside a multipart message', async () => {
    const raw = Buffer.from('From: a@b.co.za\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="XX"\n\n--XX\nContent-Type: text/plain; charset="UTF-7"\n\nR+AOk-seau DR1234567\n--XX\nContent-Type: application/octet-stream; name="log.txt"\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 log.txt\n/3TY4(&QO<W0@;&EG:\'0*\n`\nend\n--XX--\n');
    const m = await parseEmail(raw);
    expect(m.text).toBe('Réseau DR1234567');
    expect(m.drNumbers).toEqual(['DR1234567']);
    expect(m.attachments.map((a) => [a.fileName, a.content.toString()])).toEqual([['log.txt', 'ONT lost light\n']]);
  });

  it('refuses what is not a mail', async () => {
    await expect(parseEmail(Buffer.alloc(0))).rejects.toThrow(UnparseableMailError);
    await expect(parseEmail(fx('unparseable.eml'))).rejects.toThrow('no RFC 822 header block');
    await expect(parseEmail(fx('no-from.eml'))).rejects.toThrow('no sender address');
  });
});

describe('raw clean-up', () => {
  it('leaves clean headers alone and re-writes Windows-1252 bytes when no charset is given', () => {
    expect(fixRawHeaders('Subject: plain\r\n\r\n')).toBe('Subject: plain\r\n\r\n');
    const fixed = fixRawHeaders(Buffer.from('Subject: caf\xe9\r\n\r\n', 'latin1').toString('latin1'));
    expect(Buffer.from(fixed, 'latin1').toString('utf8')).toBe('Subject: café\r\n\r\n');
    expect(Buffer.from(fixRawHeaders(Buffer.from('Subject: café\r\n\r\n', 'utf8').toString('latin1')), 'latin1').toString('utf8')).toBe('Subject: café\r\n\r\n');
  });

  it('turns UTF-7 encoded words (B and Q) into UTF-8 ones and normalises line endings', () => {
    const b = Buffer.from('+AOk-', 'latin1').toString('base64');
    const out = normaliseRawMail(Buffer.from(`From x\nSubject: =?utf-7?B?${b}?= =?UTF-7?Q?caf+AOk-?=\rX: 1\n\nbody`)).toString('latin1');
    expect(out).toBe(`Subject: =?utf-8?B?${Buffer.from('é').toString('base64')}?= =?utf-8?B?${Buffer.from('café').toString('base64')}?=\r\nX: 1\r\n\r\nbody`);
  });

  it('keeps a message without a body and a multipart without a boundary as they are', () => {
    expect(normaliseRawMail(Buffer.from('Subject: only headers')).toString()).toBe('Subject: only headers');
    expect(normaliseRawMail(Buffer.from('Content-Type: multipart/mixed\r\n\r\nbody')).toString()).toBe('Content-Type: multipart/mixed\r\n\r\nbody');
  });

  it('decodes quoted-printable UTF-7 and names an x-uuencode part without a begin line', () => {
    const qp = normaliseRawMail(Buffer.from('Content-Type: text/plain; charset=utf-7\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nR+AOk-s=\r\nu\r\n')).toString();
    expect(qp).toContain('charset=utf-8');
    expect(Buffer.from(qp.split('\r\n\r\n')[1].trim(), 'base64').toString()).toBe('Résu\r\n');
    const uu = normaliseRawMail(Buffer.from('Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: x-uuencode\r\nContent-Disposition: attachment\r\n\r\nnothing here\r\n')).toString();
    expect(uu).toContain('Content-Transfer-Encoding: base64');
    expect(uu).toContain('Content-Disposition: attachment\r\n');
  });
});

describe('uuencode', () => {
  it('decodes a block and leaves text without one untouched', () => {
    expect(uuDecode('no block')).toBeNull();
    expect(uuDecode("begin 644 a.txt\n/3TY4(&QO<W0@;&EG:'0*\n\n`\nend")).toEqual({ name: 'a.txt', data: Buffer.from('ONT lost light\n') });
    expect(extractUuBlocks('plain\n\n\n\ntext')).toEqual({ text: 'plain\n\n\n\ntext', files: [] });
  });
});

describe('automatic mail', () => {
  const none = {};
  it.each([
    [{ 'auto-submitted': 'auto-replied' }, 'a@b.c', 'text/plain', 'Auto-Submitted: auto-replied'],
    [{ 'auto-submitted': 'no' }, 'a@b.c', 'text/plain', null],
    [{ 'x-autorespond': 'yes' }, 'a@b.c', 'text/plain', 'X-Autoreply header'],
    [{ 'x-auto-response-suppress': 'OOF, AutoReply' }, 'a@b.c', 'text/plain', 'X-Auto-Response-Suppress: oof, autoreply'],
    [{ 'x-auto-response-suppress': 'none' }, 'a@b.c', 'text/plain', null],
    [{ precedence: 'auto_reply' }, 'a@b.c', 'text/plain', 'Precedence: auto_reply'],
    [{ 'list-unsubscribe': '<mailto:x>' }, 'a@b.c', 'text/plain', 'mailing list (List-Id)'],
    [none, 'postmaster@b.c', 'text/plain', 'sent by postmaster@b.c'],
    [none, 'list-request@b.c', 'text/plain', 'sent by list-request@b.c'],
    [none, null, 'multipart/report; report-type=disposition-notification', 'delivery or disposition report (multipart/report)'],
    [{ 'return-path': '<a@b.c>' }, 'a@b.c', 'text/plain', null],
  ])('%j from %s (%s) -> %s', (h, from, ct, reason) => {
    expect(automaticReason(h as Record<string, string>, from, ct)).toBe(reason);
  });

  it('tells bounces from other automatic mail', () => {
    expect(isBounce({}, 'a@b.c', 'multipart/report; report-type=delivery-status')).toBe(true);
    expect(isBounce({}, null, 'multipart/report; report-type=disposition-notification')).toBe(false);
    expect(isBounce({ 'return-path': '<>' }, 'a@b.c', 'text/plain')).toBe(true);
    expect(isBounce({}, 'a@b.c', 'text/plain')).toBe(false);
  });
});

describe('references and text', () => {
  it('finds Message-IDs, UIDs and DR numbers', () => {
    expect(messageIds(['<a@x> <b@y>', '<a@x>'])).toEqual(['<a@x>', '<b@y>']);
    expect(messageIds(undefined)).toEqual([]);
    expect(uidsInSubject('Re: [eml-000123] and FT490441, DR1734315-2, FF-000001, AH-000002')).toEqual(['EML-000123', 'FT490441', 'DR1734315-2', 'FF-000001', 'AH-000002']);
    expect(drNumbers('dr 1734315 and DR1734315 and DR 1734316')).toEqual(['DR1734315', 'DR1734316']);
  });

  it('cleans reply prefixes and our tag off a subject', () => {
    expect(cleanSubject('Re: Fwd: AW: [EML-000001] Cable down')).toBe('Cable down');
    expect(cleanSubject('RE[2]: hello')).toBe('hello');
  });

  it('keeps what the sender wrote: top-posted, bottom-posted, signatures and forwarded history', () => {
    expect(replyText('New text\n\nOn Mon, 1 Jan 2026, A <a@b> wrote:\n> old\n> older')).toBe('New text');
    expect(replyText('On Mon, A wrote:\n> question?\n\nAnswer below.\n> more quote\nSecond answer.')).toBe('Answer below.\nSecond answer.');
    expect(replyText('Hi\n-- \nSig')).toBe('Hi');
    expect(replyText('Hi\n\nSent from my iPhone')).toBe('Hi');
    expect(replyText('Note\n\n---------- Forwarded message ---------\nFrom: x <x@y>\nDate: today\nold')).toBe('Note');
    expect(replyText('From: the street corner we saw it.\nCable down.')).toBe('From: the street corner we saw it.\nCable down.');
    expect(replyText('> only quoted')).toBe('> only quoted');
  });
});
