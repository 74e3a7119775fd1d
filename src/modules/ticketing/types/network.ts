// Zod schemas of the network register: clients, projects and drops as the register API reads and writes them.
import { z } from 'zod';
import { drNumberSchema } from './tickets';

const optText = (max: number) => z.string().trim().max(max).nullable().optional();
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional();
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Not a calendar date');

export const registerListQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    includeInactive: flag,
  })
  .strict();
export type RegisterListQuery = z.infer<typeof registerListQuerySchema>;

export const idQuerySchema = z.object({ id: z.string().trim().min(1).max(64) }).strict();

export const networkClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
  projectCount: z.number().int(),
  /** null for a row read from FibreFlow (it keeps no change time). */
  updatedAt: z.string().nullable(),
});
export type NetworkClient = z.infer<typeof networkClientSchema>;

export const clientCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    code: optText(40),
    contactEmail: z.string().trim().email().max(200).nullable().optional(),
    contactPhone: optText(40),
  })
  .strict();
export type ClientCreate = z.infer<typeof clientCreateSchema>;
export const clientUpdateSchema = clientCreateSchema.partial().extend({ active: z.boolean().optional() }).strict();
export type ClientUpdate = z.infer<typeof clientUpdateSchema>;

export const projectRegisterQuerySchema = registerListQuerySchema.extend({ client: z.string().uuid().optional() }).strict();
export type ProjectRegisterQuery = z.infer<typeof projectRegisterQuerySchema>;

export const networkProjectSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  name: z.string(),
  code: z.string(),
  region: z.string().nullable(),
  active: z.boolean(),
  dropCount: z.number().int(),
  /** null for a row read from FibreFlow (it keeps no change time). */
  updatedAt: z.string().nullable(),
});
export type NetworkProject = z.infer<typeof networkProjectSchema>;

export const projectCreateSchema = z
  .object({ clientId: z.string().uuid(), name: z.string().trim().min(1).max(200), code: z.string().trim().min(1).max(40), region: optText(100) })
  .strict();
export type ProjectCreate = z.infer<typeof projectCreateSchema>;
export const projectUpdateSchema = projectCreateSchema.omit({ clientId: true }).partial().extend({ active: z.boolean().optional() }).strict();
export type ProjectUpdate = z.infer<typeof projectUpdateSchema>;

export const dropRegisterQuerySchema = registerListQuerySchema
  .extend({
    project: z.string().uuid().optional(),
    client: z.string().uuid().optional(),
    pole: z.string().trim().min(1).max(60).optional(),
    pon: z.string().trim().min(1).max(60).optional(),
    zone: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
export type DropRegisterQuery = z.infer<typeof dropRegisterQuerySchema>;

export const networkDropSchema = z.object({
  id: z.string(),
  drNumber: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  address: z.string().nullable(),
  gpsLat: z.number().nullable(),
  gpsLng: z.number().nullable(),
  installDate: z.string().nullable(),
  ontSerial: z.string().nullable(),
  poleNumber: z.string().nullable(),
  pon: z.string().nullable(),
  zone: z.string().nullable(),
  active: z.boolean(),
  /** null for a row read from FibreFlow (it keeps no change time). */
  updatedAt: z.string().nullable(),
});
export type NetworkDrop = z.infer<typeof networkDropSchema>;

const dropFields = {
  projectId: z.string().uuid(),
  address: optText(300),
  gpsLat: z.number().min(-90).max(90).nullable().optional(),
  gpsLng: z.number().min(-180).max(180).nullable().optional(),
  installDate: ymd.nullable().optional(),
  ontSerial: optText(60),
  poleNumber: optText(60),
  pon: optText(60),
  zone: optText(60),
};
export const dropCreateSchema = z.object({ drNumber: drNumberSchema, ...dropFields }).strict();
export type DropCreate = z.infer<typeof dropCreateSchema>;
export const dropUpdateSchema = z.object(dropFields).partial().extend({ active: z.boolean().optional() }).strict();
export type DropUpdate = z.infer<typeof dropUpdateSchema>;

/** The register's editable drop fields, in the order the import and the screens show them. */
export const DROP_FIELDS = ['drNumber', 'project', 'address', 'gpsLat', 'gpsLng', 'installDate', 'ontSerial', 'poleNumber', 'pon', 'zone'] as const;
export type DropField = (typeof DROP_FIELDS)[number];

export const importQuerySchema = z.object({ id: z.string().trim().min(1).max(64).optional(), client: z.string().uuid().optional() }).strict();
export const importActionSchema = z
  .object({
    action: z.enum(['preview', 'confirm']),
    /** field -> header text of its column, or null to leave the field out. */
    mapping: z.record(z.string().max(40), z.string().max(200).nullable()).optional(),
  })
  .strict();

export const thresholdsBodySchema = z
  .object({
    thresholds: z
      .array(z.object({ kind: z.enum(['drop', 'pole', 'pon', 'zone']), threshold: z.number().int().min(2).max(10_000), windowDays: z.number().int().min(1).max(365).default(30) }).strict())
      .min(1)
      .max(4),
  })
  .strict();

export const incidentLinkSchema = z
  .object({
    parentId: z.string().trim().min(1).max(64),
    childIds: z.array(z.string().trim().min(1).max(64)).min(1).max(500),
    /** The parent's version as the caller read it (optional; a stale one is a 409). */
    version: z.number().int().min(1).optional(),
  })
  .strict();

/** GET ?id= (the ticket whose incident to show) and DELETE ?id= (the child to unlink, with its version if known). */
export const incidentQuerySchema = z.object({ id: z.string().trim().min(1, 'id (ticket id or UID) is required').max(64) }).strict();
export const incidentUnlinkQuerySchema = incidentQuerySchema.extend({ version: z.coerce.number().int().min(1).optional() }).strict();

const incidentMemberSchema = z.object({
  id: z.string(), ticketUid: z.string(), status: z.string(), title: z.string(), drNumber: z.string().nullable(), assignedTo: z.string().nullable(), version: z.number().int(),
});
export const incidentViewSchema = z.object({
  ticket: z.object({ id: z.string(), ticketUid: z.string(), status: z.string(), version: z.number().int() }),
  role: z.enum(['parent', 'child', 'none']),
  parent: incidentMemberSchema.nullable(),
  children: z.array(incidentMemberSchema),
  candidates: z.array(incidentMemberSchema.extend({ sharedOn: z.enum(['pole', 'pon', 'zone']) })),
});
export const incidentLinkResultSchema = z.object({ parentUid: z.string(), linked: z.array(z.string()) });
export const incidentUnlinkResultSchema = z.object({ parentUid: z.string(), unlinked: z.string(), version: z.number().int(), slaResumed: z.boolean() });
