/*
 * What every import source produces, whatever the file format: a stream of
 * items, each with the file and line it came from, so a preview can say
 * "line 12: no name" and apply can skip exactly that row.
 */

export const IMPORT_SOURCES = ['linkedin', 'google', 'outlook', 'csv', 'vcard'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

export interface ContactValue {
  value: string;
  label: string | null;
}

/** A person as a file describes them; null and [] mean "the file says nothing". */
export interface PersonDraft {
  fullName: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  headline: string | null;
  roleTitle: string | null;
  organisation: string | null;
  location: string | null;
  notes: string | null;
  emails: ContactValue[];
  phones: ContactValue[];
  links: { url: string; label: string | null }[];
  tags: string[];
  metOn: string | null;
  metChannel: string | null;
  metPlatform: string | null;
  metContext: string | null;
  birthday: { month: number; day: number; year: number | null } | null;
  photoUrl: string | null;
}

export interface Origin {
  file: string;
  line: number;
}

export type ImportItem =
  /** enrichOnly: add to a person already known (an invitation), never create one. */
  | ({ type: 'person'; person: PersonDraft; enrichOnly?: boolean } & Origin)
  | ({
      type: 'message';
      conversationId: string;
      occurredAt: string;
      /** Everyone on the message (sender and recipients): whoever matches a known person gets the interaction. */
      refs: { name: string | null; url: string | null }[];
      subject: string | null;
    } & Origin)
  | ({ type: 'error'; message: string } & Origin)
  | ({ type: 'skip'; reason: string } & Origin);

export function emptyDraft(fullName: string): PersonDraft {
  return {
    fullName,
    givenName: null,
    familyName: null,
    nickname: null,
    headline: null,
    roleTitle: null,
    organisation: null,
    location: null,
    notes: null,
    emails: [],
    phones: [],
    links: [],
    tags: [],
    metOn: null,
    metChannel: null,
    metPlatform: null,
    metContext: null,
    birthday: null,
    photoUrl: null,
  };
}

/** Limits that keep one import from exhausting the server; each breach is a clear error. */
export const IMPORT_LIMITS = {
  uploadBytes: 200 * 1024 * 1024,
  fieldChars: 100_000,
  rows: 1_000_000,
  filesPerBatch: 20,
} as const;

/** The fields a generic CSV column can be mapped to. */
export const MAPPABLE_FIELDS = [
  'ignore',
  'fullName',
  'givenName',
  'familyName',
  'nickname',
  'email',
  'phone',
  'linkedin',
  'website',
  'organisation',
  'roleTitle',
  'headline',
  'location',
  'notes',
  'tags',
  'metOn',
  'metContext',
  'birthday',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];
