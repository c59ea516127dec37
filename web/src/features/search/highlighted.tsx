import { Fragment } from 'react';

interface Range {
  start: number;
  end: number;
}

/**
 * Text with its matched ranges in <mark>: the server sends plain text and
 * offsets, never HTML, so nothing in a note can become markup here.
 */
export function Highlighted({ text, ranges }: { text: string; ranges: readonly Range[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [i, r] of ranges.entries()) {
    if (r.start < at || r.end > text.length || r.start >= r.end) continue;
    if (r.start > at) parts.push(<Fragment key={`t${i}`}>{text.slice(at, r.start)}</Fragment>);
    parts.push(
      <mark key={`m${i}`} className="tend-search-mark">
        {text.slice(r.start, r.end)}
      </mark>,
    );
    at = r.end;
  }
  if (at < text.length) parts.push(<Fragment key="rest">{text.slice(at)}</Fragment>);
  return <>{parts}</>;
}
