import type { ImportSource } from '../../../../src/contract/import.js';

export interface SourceInfo {
  value: ImportSource;
  label: string;
  accept: string;
  multiple: boolean;
  how: string;
}

/** What each source takes, and where to get the file: shown next to the drop zone. */
export const SOURCES: SourceInfo[] = [
  {
    value: 'linkedin',
    label: 'LinkedIn',
    accept: '.zip,.csv',
    multiple: true,
    how: 'LinkedIn → Settings → Data privacy → Get a copy of your data. Drop the zip, or Connections.csv, messages.csv and Invitations.csv.',
  },
  {
    value: 'google',
    label: 'Google Contacts',
    accept: '.csv',
    multiple: false,
    how: 'contacts.google.com → Export → Google CSV.',
  },
  {
    value: 'outlook',
    label: 'Outlook',
    accept: '.csv',
    multiple: false,
    how: 'Outlook → People → Manage contacts → Export contacts (CSV).',
  },
  {
    value: 'vcard',
    label: 'vCard',
    accept: '.vcf,.vcard',
    multiple: false,
    how: 'A .vcf file from your phone, Apple Contacts or any address book (vCard 2.1, 3.0 or 4.0).',
  },
  {
    value: 'csv',
    label: 'Other CSV',
    accept: '.csv,.txt',
    multiple: false,
    how: 'Any spreadsheet saved as CSV with a header row. You choose which column is which.',
  },
];

export function contentTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.zip')) return 'application/zip';
  if (name.endsWith('.vcf') || name.endsWith('.vcard')) return 'text/vcard';
  if (name.endsWith('.csv')) return 'text/csv';
  return 'application/octet-stream';
}
