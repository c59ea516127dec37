import { z } from 'zod';
import { Cursor, HttpUrl, Id, Limit, longText, page, SearchText, Timestamp, text } from './common.js';

const fields = {
  name: text(200, 1),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, { message: 'must be a domain like example.com' })
    .nullable()
    .optional(),
  website: HttpUrl.nullable().optional(),
  industry: text(100).nullable().optional(),
  location: text(200).nullable().optional(),
  notes: longText(100_000).optional(),
};

export const OrganisationCreate = z.strictObject(fields);
export type OrganisationCreate = z.input<typeof OrganisationCreate>;

export const OrganisationUpdate = z.strictObject({
  ...fields,
  name: fields.name.optional(),
  version: z.number().int().min(1).optional(),
});
export type OrganisationUpdate = z.input<typeof OrganisationUpdate>;

export const Organisation = z.object({
  id: Id,
  version: z.number().int(),
  name: z.string(),
  domain: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  location: z.string().nullable(),
  notes: z.string(),
  peopleCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  deletedAt: Timestamp.nullable(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationListQuery = z.strictObject({
  q: SearchText.optional(),
  deleted: z.enum(['exclude', 'only']).default('exclude'),
  limit: Limit,
  cursor: Cursor,
});
export type OrganisationListQuery = z.input<typeof OrganisationListQuery>;

export const OrganisationPage = page(Organisation);
