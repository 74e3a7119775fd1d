// The drop import's pure rules: row validation (DR, project, dates, GPS) and the diff against the stored drop.
import { describe, expect, it } from 'vitest';
import { diffDrop, splitGps, validateDropRow, type DropRecord } from '@/src/modules/ticketing/services/network/dropImportRules';

const projects = new Map([['lawley', 'p-1'], ['law', 'p-1'], ['mohadin', 'p-2']]);
const all = { drNumber: 0, project: 1, address: 2, gps: 3, installDate: 4, ontSerial: 5, poleNumber: 6, pon: 7, zone: 8 };

describe('validateDropRow', () => {
  it('reads a full row, upper-casing the DR and matching the project by name or code', () => {
    const r = validateDropRow(['dr 1234567', 'LAW', ' 1 Main Rd ', '-26.3812346, 27.8', '07/03/2026', 'ZTE1', 'P1', 'PON-1', 'Z1'], all, projects);
    expect(r).toEqual({ ok: true, drop: { drNumber: 'DR1234567', projectId: 'p-1', address: '1 Main Rd', gpsLat: -26.381235, gpsLng: 27.8, installDate: '2026-03-07', ontSerial: 'ZTE1', poleNumber: 'P1', pon: 'PON-1', zone: 'Z1' } });
  });

  it('leaves unmapped fields out (kept as stored) and clears mapped empty ones', () => {
    const r = validateDropRow(['DR1234567', 'Mohadin', ''], { drNumber: 0, project: 1, address: 2 }, projects);
    expect(r).toEqual({ ok: true, drop: { drNumber: 'DR1234567', projectId: 'p-2', address: null } });
  });

  it('collects every problem of a row', () => {
    const r = validateDropRow(['', '', null, 'north', 'someday'], all, projects);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      'DR number is empty', 'Project is empty', 'Install date: "someday" is not a date (use 2026/03/07, 07/03/2026, 7 March 2026 or an Excel date)',
      'GPS "north" is not "latitude, longitude"',
    ]);
    const bad = validateDropRow(['DR12', 'Nowhere'], { drNumber: 0, project: 1 }, projects);
    expect(!bad.ok && bad.errors).toEqual(['DR number "DR12" is not DR followed by 7 digits', 'Project "Nowhere" is not a project of this client']);
  });

  it('checks separate latitude and longitude columns: numbers, ranges and pairs', () => {
    const cols = { drNumber: 0, project: 1, gpsLat: 2, gpsLng: 3 };
    expect(validateDropRow(['DR1234567', 'lawley', '-26,5', 28], cols, projects)).toMatchObject({ ok: true, drop: { gpsLat: -26.5, gpsLng: 28 } });
    expect(validateDropRow(['DR1234567', 'lawley', '', ''], cols, projects)).toMatchObject({ ok: true, drop: { gpsLat: null, gpsLng: null } });
    const errs = (cells: unknown[]) => {
      const r = validateDropRow(cells as never, cols, projects);
      return r.ok ? [] : r.errors;
    };
    expect(errs(['DR1234567', 'lawley', 'x', 'y'])).toEqual(['Latitude "x" is not a number', 'Longitude "y" is not a number']);
    expect(errs(['DR1234567', 'lawley', 91, 181])).toEqual(['Latitude 91 is outside -90..90', 'Longitude 181 is outside -180..180']);
    expect(errs(['DR1234567', 'lawley', -26, ''])).toEqual(['GPS needs both latitude and longitude']);
    expect(validateDropRow(['DR1234567', 'lawley', ''], { drNumber: 0, project: 1, gps: 2 }, projects)).toMatchObject({ ok: true, drop: { gpsLat: null, gpsLng: null } });
  });

  it('splits GPS text in the usual forms', () => {
    expect(splitGps('-26.1, 28.2')).toEqual([-26.1, 28.2]);
    expect(splitGps('-26.1 28.2')).toEqual([-26.1, 28.2]);
    expect(splitGps('-26.1;+28')).toEqual([-26.1, 28]);
    expect(splitGps('26S 28E')).toBeNull();
  });
});

describe('diffDrop', () => {
  const stored: DropRecord = { drNumber: 'DR1234567', projectId: 'p-1', address: 'a', gpsLat: -26.1, gpsLng: 28.2, installDate: '2026-03-07', ontSerial: null, poleNumber: 'P1', pon: null, zone: null };

  it('inserts a new drop with empty fields for unmapped columns', () => {
    expect(diffDrop(null, { drNumber: 'DR7654321', projectId: 'p-2', zone: 'Z1' })).toEqual({
      kind: 'insert', drop: { drNumber: 'DR7654321', projectId: 'p-2', address: null, gpsLat: null, gpsLng: null, installDate: null, ontSerial: null, poleNumber: null, pon: null, zone: 'Z1' },
    });
  });

  it('finds an identical row unchanged, and lists exactly the changed fields', () => {
    expect(diffDrop(stored, { drNumber: 'DR1234567', projectId: 'p-1', gpsLat: -26.1, installDate: '2026-03-07' })).toEqual({ kind: 'unchanged' });
    const d = diffDrop(stored, { drNumber: 'DR1234567', projectId: 'p-2', installDate: '2026-03-08', address: null });
    expect(d).toMatchObject({ kind: 'update', changed: ['projectId', 'address', 'installDate'], drop: { projectId: 'p-2', address: null, installDate: '2026-03-08', poleNumber: 'P1' } });
  });
});
