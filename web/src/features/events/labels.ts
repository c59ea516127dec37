import type { EventKind } from '../../../../src/contract/events.js';

export const eventKindLabel: Record<EventKind, string> = {
  conference: 'Conference',
  seminar: 'Seminar',
  meetup: 'Meetup',
  virtual: 'Virtual event',
  coffee_round: 'Coffee round',
  other: 'Event',
};

export const EVENT_KINDS = Object.keys(eventKindLabel) as EventKind[];

const fmt = (iso: string, opts: Intl.DateTimeFormatOptions) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString(undefined, { timeZone: 'UTC', ...opts });

/** "12 Jun 2026" or "12 – 14 Jun 2026". */
export function eventDates(startsOn: string, endsOn: string): string {
  const full: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
  if (startsOn === endsOn) return fmt(startsOn, full);
  if (startsOn.slice(0, 7) === endsOn.slice(0, 7)) return `${fmt(startsOn, { day: 'numeric' })} – ${fmt(endsOn, full)}`;
  return `${fmt(startsOn, { day: 'numeric', month: 'short' })} – ${fmt(endsOn, full)}`;
}

export function dayAndMonth(iso: string): { day: string; month: string } {
  return { day: fmt(iso, { day: 'numeric' }), month: fmt(iso, { month: 'short' }) };
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
