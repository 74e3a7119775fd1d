// Pure rules of the drop register import: which headers mean which field, one row's validation, and its diff.
import { cellNumber, cellText, type CellValue } from '../spreadsheet/cells';
import { parseSheetDate } from '../spreadsheet/dates';
import type { ColumnSpec } from '../spreadsheet/headers';

export type ImportField = 'drNumber' | 'project' | 'address' | 'gps' | 'gpsLat' | 'gpsLng' | 'installDate' | 'ontSerial' | 'poleNumber' | 'pon' | 'zone';

export const DROP_IMPORT_COLUMNS: readonly ColumnSpec<ImportField>[] = [
  { field: 'drNumber', label: 'DR number', synonyms: ['dr', 'dr no', 'drop', 'drop number', 'drop no', 'drop id', 'dr num'], required: true },
  { field: 'project', label: 'Project', synonyms: ['project name', 'project code', 'area', 'site'], required: true },
  { field: 'address', label: 'Address', synonyms: ['street address', 'physical address', 'site address', 'adres'] },
  { field: 'gps', label: 'GPS', synonyms: ['coordinates', 'gps coordinates', 'location', 'lat long', 'latlong'] },
  { field: 'gpsLat', label: 'Latitude', synonyms: ['lat', 'gps lat', 'gps latitude', 'y'] },
  { field: 'gpsLng', label: 'Longitude', synonyms: ['lng', 'lon', 'long', 'gps lng', 'gps long', 'gps longitude', 'x'] },
  { field: 'installDate', label: 'Install date', synonyms: ['installation date', 'installed', 'date installed', 'install', 'activation date'] },
  { field: 'ontSerial', label: 'ONT serial', synonyms: ['ont', 'ont sn', 'ont serial number', 'serial number', 'serial'] },
  { field: 'poleNumber', label: 'Pole', synonyms: ['pole number', 'pole no', 'pole id'] },
  { field: 'pon', label: 'PON', synonyms: ['pon number', 'pon port', 'pon id'] },
  { field: 'zone', label: 'Zone', synonyms: ['zone number', 'zone no', 'zone id'] },
];

/** A drop as the import writes it. */
export interface DropRecord {
  drNumber: string;
  projectId: string;
  address: string | null;
  gpsLat: number | null;
  gpsLng: number | null;
  installDate: string | null;
  ontSerial: string | null;
  poleNumber: string | null;
  pon: string | null;
  zone: string | null;
}

export type OptionalField = Exclude<keyof DropRecord, 'drNumber' | 'projectId'>;
export const OPTIONAL_FIELDS: readonly OptionalField[] = ['address', 'gpsLat', 'gpsLng', 'installDate', 'ontSerial', 'poleNumber', 'pon', 'zone'];

/** The row's values for the mapped fields; fields whose column is not mapped are absent (kept as they are). */
export type RowResult = { ok: true; drop: Partial<DropRecord> & Pick<DropRecord, 'drNumber' | 'projectId'> } | { ok: false; errors: string[] };

const DR_RE = /^DR\d{7}$/;

/** "-26.38, 27.81" or "-26.38 27.81": latitude first, as GPS apps copy it. */
export function splitGps(text: string): [number, number] | null {
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*[,;\s]\s*([+-]?\d+(?:\.\d+)?)\s*$/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

const clip = (s: string, max: number) => (s === '' ? null : s.slice(0, max));

export function validateDropRow(cells: readonly CellValue[], columns: Partial<Record<ImportField, number>>, projects: ReadonlyMap<string, string>): RowResult {
  const errors: string[] = [];
  const at = (f: ImportField): CellValue => (columns[f] === undefined ? null : (cells[columns[f] as number] ?? null));
  const has = (f: ImportField) => columns[f] !== undefined;
  const dr = cellText(at('drNumber')).toUpperCase().replace(/\s+/g, '');
  if (!DR_RE.test(dr)) errors.push(dr ? `DR number "${dr}" is not DR followed by 7 digits` : 'DR number is empty');
  const projectText = cellText(at('project'));
  const projectId = projects.get(projectText.toLowerCase());
  if (!projectId) errors.push(projectText ? `Project "${projectText}" is not a project of this client` : 'Project is empty');
  const out: Partial<DropRecord> = {};
  if (has('address')) out.address = clip(cellText(at('address')), 300);
  for (const f of ['ontSerial', 'poleNumber', 'pon', 'zone'] as const) if (has(f)) out[f] = clip(cellText(at(f)), 60);
  if (has('installDate')) {
    const d = parseSheetDate(at('installDate'));
    if (d.ok) out.installDate = d.date;
    else errors.push(`Install date: ${d.error}`);
  }
  let lat: number | null | undefined;
  let lng: number | null | undefined;
  if (has('gps')) {
    const t = cellText(at('gps'));
    const pair = t ? splitGps(t) : null;
    if (t && !pair) errors.push(`GPS "${t.slice(0, 40)}" is not "latitude, longitude"`);
    [lat, lng] = pair ?? [null, null];
  }
  for (const [f, set] of [['gpsLat', (v: number | null) => (lat = v)], ['gpsLng', (v: number | null) => (lng = v)]] as const) {
    if (!has(f)) continue;
    const t = cellText(at(f));
    const v = cellNumber(at(f));
    if (t && v === null) errors.push(`${f === 'gpsLat' ? 'Latitude' : 'Longitude'} "${t.slice(0, 40)}" is not a number`);
    set(t ? v : null);
  }
  if (lat !== undefined && lat !== null && (lat < -90 || lat > 90)) errors.push(`Latitude ${lat} is outside -90..90`);
  if (lng !== undefined && lng !== null && (lng < -180 || lng > 180)) errors.push(`Longitude ${lng} is outside -180..180`);
  if ((lat === null) !== (lng === null) && lat !== undefined && lng !== undefined) errors.push('GPS needs both latitude and longitude');
  if (lat !== undefined) out.gpsLat = lat === null ? null : Math.round(lat * 1e6) / 1e6;
  if (lng !== undefined) out.gpsLng = lng === null ? null : Math.round(lng * 1e6) / 1e6;
  if (errors.length) return { ok: false, errors };
  return { ok: true, drop: { ...out, drNumber: dr, projectId: projectId as string } };
}

export type RowChange = { kind: 'insert'; drop: DropRecord } | { kind: 'update'; drop: DropRecord; changed: (keyof DropRecord)[] } | { kind: 'unchanged' };

/** What applying an incoming row does to the stored drop: absent fields keep their stored value. */
export function diffDrop(existing: DropRecord | null, incoming: Partial<DropRecord> & Pick<DropRecord, 'drNumber' | 'projectId'>): RowChange {
  if (!existing) {
    const drop: DropRecord = { drNumber: incoming.drNumber, projectId: incoming.projectId, address: null, gpsLat: null, gpsLng: null, installDate: null, ontSerial: null, poleNumber: null, pon: null, zone: null };
    for (const f of OPTIONAL_FIELDS) if (incoming[f] !== undefined) (drop as unknown as Record<string, unknown>)[f] = incoming[f];
    return { kind: 'insert', drop };
  }
  const drop: DropRecord = { ...existing };
  const changed: (keyof DropRecord)[] = [];
  for (const f of ['projectId', ...OPTIONAL_FIELDS] as const) {
    const v = incoming[f];
    if (v === undefined || v === existing[f]) continue;
    (drop as unknown as Record<string, unknown>)[f] = v;
    changed.push(f);
  }
  return changed.length ? { kind: 'update', drop, changed } : { kind: 'unchanged' };
}
