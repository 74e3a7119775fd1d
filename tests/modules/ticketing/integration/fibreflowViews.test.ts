// The FibreFlow mapping: read-only views that present FibreFlow's client, project and drop tables in the register's shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../helpers/db';
import { applyRegisterViews, createFibreFlowTables } from '../../../helpers/fibreflow';

let tdb: TestDb;
const C = '11111111-1111-4111-8111-111111111111';
const P = '22222222-2222-4222-8222-222222222222';

beforeAll(async () => {
  tdb = await createTestDb();
  await createFibreFlowTables(tdb.db);
  await tdb.db.query("INSERT INTO fibreflow.clients VALUES ($1, 'Fibertime', 'FTM', 'active')", [C]);
  await tdb.db.query("INSERT INTO fibreflow.projects VALUES ($1, $2, 'Lawley', 'LAW', 'Gauteng', NULL)", [P, C]);
  await tdb.db.query(
    `INSERT INTO fibreflow.drops (drop_number, pole_number, project_id, address, installation_date, status, metadata) VALUES
      ('DR1734315', 'LAW.P.B167', $1, '1 Main Rd', '2026-03-07', 'installed', '{"pon": "PON-4", "zone": "Z7", "ont_serial": "ZTEG1", "lat": "-26.3812", "lng": "27.8123"}'),
      ('dr 1734316', '', $1, '', NULL, 'removed', '{"lat": "north"}'),
      ('BAD-1', NULL, $1, NULL, NULL, NULL, '{}')`,
    [P],
  );
  await applyRegisterViews(tdb.db);
});
afterAll(async () => tdb.drop());

describe('FibreFlow register views', () => {
  it('maps clients and projects with their codes and activity', async () => {
    expect((await tdb.db.query('SELECT id, name, code, active FROM ticketing_register.clients')).rows).toEqual([{ id: C, name: 'Fibertime', code: 'FTM', active: true }]);
    expect((await tdb.db.query('SELECT id, client_id, name, code, region, active FROM ticketing_register.projects')).rows).toEqual([
      { id: P, client_id: C, name: 'Lawley', code: 'LAW', region: 'Gauteng', active: true },
    ]);
  });

  it('maps drops to the register columns, normalising DR numbers and leaving out invalid ones', async () => {
    const { rows } = await tdb.db.query<Record<string, unknown>>(
      `SELECT dr_number, project_id, address, gps_lat, gps_lng, to_char(install_date, 'YYYY-MM-DD') AS install_date, pole_number, pon, zone, ont_serial, active
         FROM ticketing_register.drops ORDER BY dr_number`,
    );
    expect(rows.map((r) => ({ ...r, gps_lat: r.gps_lat === null ? null : Number(r.gps_lat), gps_lng: r.gps_lng === null ? null : Number(r.gps_lng) }))).toEqual([
      { dr_number: 'DR1734315', project_id: P, address: '1 Main Rd', gps_lat: -26.3812, gps_lng: 27.8123, install_date: '2026-03-07', pole_number: 'LAW.P.B167', pon: 'PON-4', zone: 'Z7', ont_serial: 'ZTEG1', active: true },
      { dr_number: 'DR1734316', project_id: P, address: null, gps_lat: null, gps_lng: null, install_date: null, pole_number: null, pon: null, zone: null, ont_serial: null, active: false },
    ]);
  });

  it('is read-only: writes through the views are refused and FibreFlow’s rows stay as they were', async () => {
    await expect(tdb.db.query("UPDATE ticketing_register.drops SET address = 'x'")).rejects.toThrow();
    await expect(tdb.db.query("INSERT INTO ticketing_register.clients (id, name) VALUES (gen_random_uuid(), 'x')")).rejects.toThrow();
    await expect(tdb.db.query('DELETE FROM ticketing_register.projects')).rejects.toThrow();
    expect((await tdb.db.query("SELECT address FROM fibreflow.drops WHERE drop_number = 'DR1734315'")).rows).toEqual([{ address: '1 Main Rd' }]);
  });
});
