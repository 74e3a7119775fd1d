// Small pure rules around tickets: guarantee status, paging cursors, file checks, change detection, enum/SQL parity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guaranteeStatus } from '@/src/modules/ticketing/services/dropLookupService';
import type { DropDetails } from '@/src/modules/ticketing/db/dropRepo';
import { decodeCursor, encodeCursor } from '@/src/modules/ticketing/db/ticketListRepo';
import { contentMatchesType } from '@/src/modules/ticketing/services/fileSniff';
import { safeFileName } from '@/src/lib/api/multipart';
import * as enums from '@/src/modules/ticketing/types/enums';

describe('guaranteeStatus (the lookup speaks as billing decides)', () => {
  const drop = (installDate: string | null, startsOn: string | null = null): DropDetails => ({
    id: 'd', drNumber: 'DR1000001', address: null, gpsLat: null, gpsLng: null, installDate, poleNumber: null, pon: null, zone: null,
    ontSerial: null, projectId: 'p', projectName: 'Lawley', clientId: 'c', clientName: 'Fibertime', guaranteePeriodDays: 90,
    materialGuaranteeDays: 365, guaranteeStartsOn: startsOn,
  });
  const tz = 'Africa/Johannesburg';
  it('covers through the last day in local time: 2026-01-01 + 90 days runs to 2026-03-31 inclusive', () => {
    expect(guaranteeStatus(drop('2026-01-01'), new Date('2026-03-31T21:59:00Z'), tz)).toMatchObject({ active: true, expiresOn: '2026-03-31', daysLeft: 1 });
    // 01:00 SAST on 1 April is already past the guarantee, though it is still 31 March in UTC.
    expect(guaranteeStatus(drop('2026-01-01'), new Date('2026-03-31T23:00:00Z'), tz)).toMatchObject({ active: false, daysLeft: 0 });
    expect(guaranteeStatus(drop('2026-09-01'), new Date('2026-11-25T12:00:00Z'), tz)).toMatchObject({ active: true, expiresOn: '2026-11-29', daysLeft: 5 });
  });
  it('uses the project override as the start and explains a missing install date', () => {
    expect(guaranteeStatus(drop('2025-01-01', '2026-11-01'), new Date('2026-11-25T12:00:00Z'), tz)).toMatchObject({ active: true, startsOn: '2026-11-01' });
    expect(guaranteeStatus(drop(null), new Date('2026-11-25T12:00:00Z'), tz)).toMatchObject({ active: false, daysLeft: null, reason: expect.stringMatching(/no install date/) });
  });
});

describe('paging cursors', () => {
  it('round-trips and refuses garbage', () => {
    const c = { v: '2026-11-25 08:37:00.123456+00', id: '3f0c6f7e-0000-4000-8000-000000000000' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor('garbage')).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify({ v: {}, id: 'x' })).toString('base64url'))).toBeNull();
    const forged = (v: unknown, id = c.id) => Buffer.from(JSON.stringify({ v, id })).toString('base64url');
    expect(decodeCursor(forged('nope', 'nope'))).toBeNull();
    expect(decodeCursor(forged('nope'))).toBeNull();
    expect(decodeCursor(forged('infinity'), 'due_at')).not.toBeNull();
    expect(decodeCursor(forged('x'), 'priority')).toBeNull();
    expect(decodeCursor(forged('3'), 'priority')).not.toBeNull();
    expect(decodeCursor(forged('anything'), 'ticket_uid')).not.toBeNull();
  });
});

describe('file checks', () => {
  it('accepts content that matches its declared type and refuses what does not', () => {
    expect(contentMatchesType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]), 'image/png')).toBe(true);
    expect(contentMatchesType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg')).toBe(true);
    expect(contentMatchesType(Buffer.from('GIF89a'), 'image/gif')).toBe(true);
    expect(contentMatchesType(Buffer.from('RIFF\0\0\0\0WEBPVP8'), 'image/webp')).toBe(true);
    expect(contentMatchesType(Buffer.from('%PDF-1.7'), 'application/pdf')).toBe(true);
    expect(contentMatchesType(Buffer.from('PK\u0003\u0004'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(true);
    expect(contentMatchesType(Buffer.from('MZ\0\0'), 'image/png')).toBe(false);
    expect(contentMatchesType(Buffer.alloc(0), 'application/pdf')).toBe(false);
    expect(contentMatchesType(Buffer.from('a,b\n1,2'), 'text/csv')).toBe(true);
    expect(contentMatchesType(Buffer.from([0x41, 0x00]), 'text/plain')).toBe(false);
  });
  it('keeps only a safe display name from an uploaded file name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\photo "1".png')).toBe('photo 1.png');
    expect(safeFileName('\u0000\u0007')).toBe('file');
    expect(safeFileName('a'.repeat(300))).toHaveLength(200);
  });
});

describe('enumerations match the SQL CHECK constraints', () => {
  const sql = readFileSync('neon/migrations/0001_core.sql', 'utf8');
  const inList = (values: readonly string[]) => `IN (${values.map((v) => `'${v}'`).join(',')})`;
  it.each([
    ['status', enums.TICKET_STATUSES],
    ['priority', enums.TICKET_PRIORITIES],
    ['ticket_type', enums.TICKET_TYPES],
    ['source', enums.TICKET_SOURCES],
    ['billing_type', enums.BILLING_TYPES],
    ['approval_status', enums.APPROVAL_STATUSES],
    ['note_type', enums.NOTE_TYPES],
    ['fault_cause', enums.FAULT_CAUSES],
    ['reason', enums.PAUSE_REASONS],
    ['role', enums.USER_ROLES],
    ['channel', enums.NOTIFICATION_CHANNELS],
  ])('%s', (column, values) => {
    expect(sql).toContain(`${column} ${inList(values)}`);
  });
});
