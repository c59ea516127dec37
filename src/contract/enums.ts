/*
 * Value lists the web app needs on its first pages, kept free of zod so that importing them does
 * not load the schemas (the contract's zod enums are built from these).
 */

/** The people list's sorts; a leading `-` reverses. */
export const PEOPLE_SORTS = [
  'name',
  '-name',
  'created',
  '-created',
  'updated',
  '-updated',
  'lastContact',
  '-lastContact',
  'strength',
  '-strength',
  'due',
  '-due',
] as const;

/** What a person achieved (keep in touch: a reason to congratulate). */
export const ACHIEVEMENT_KINDS = [
  'new_role',
  'promotion',
  'launch',
  'publication',
  'award',
  'work_anniversary',
  'other',
] as const;
