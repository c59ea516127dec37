import { exactDate, relative } from '../lib/time';

/** "3 days ago", with the exact date and time on hover (and for screen readers via datetime). */
export function RelativeTime({ iso, prefix }: { iso: string; prefix?: string }) {
  return (
    <time dateTime={iso} title={exactDate(iso)}>
      {prefix}
      {relative(iso)}
    </time>
  );
}
