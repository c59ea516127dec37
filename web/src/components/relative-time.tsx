import { VisuallyHidden } from '@mantine/core';
import { compactRelative, exactDate, relative } from '../lib/time';

/** "3 days ago", with the exact date and time on hover; `compact` shows "3d" but still reads in full. */
export function RelativeTime({ iso, prefix, compact }: { iso: string; prefix?: string; compact?: boolean }) {
  const exact = exactDate(iso);
  if (compact) {
    return (
      <time dateTime={iso} title={exact}>
        <span aria-hidden>{compactRelative(iso)}</span>
        <VisuallyHidden>{relative(iso)}</VisuallyHidden>
      </time>
    );
  }
  return (
    <time dateTime={iso} title={exact}>
      {prefix}
      {relative(iso)}
    </time>
  );
}
