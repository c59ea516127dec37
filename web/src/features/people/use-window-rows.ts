import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

export interface RowWindow {
  /** The first row drawn and one past the last (overscan included). */
  start: number;
  end: number;
}

interface Options {
  count: number;
  rowHeight: number;
  overscan: number;
  /** Height of what sticks over the top of the list (its header row), kept clear when scrolling to a row. */
  stickyTop: number;
}

const SCROLL_IDLE_MS = 150;

/**
 * Which rows of a window-scrolled list of fixed-height rows are on screen: arithmetic on the
 * scroll position, nothing per row. A general virtualiser measures every item whenever the
 * count changes (100,000 calls when the first page of a large network arrives) and reads the
 * document's height on every scroll event; with one row height neither is needed.
 *
 * The window is recomputed in the scroll event and rendered at once (flushSync), before the
 * frame paints, so fast scrolling never shows an empty stretch. `scrolling` stays true until
 * the page has been still for a moment.
 */
export function useWindowRows(
  listRef: RefObject<HTMLElement | null>,
  { count, rowHeight, overscan, stickyTop }: Options,
) {
  const [offset, setOffset] = useState(0);
  const latest = useRef({ count, rowHeight, overscan, offset });
  latest.current = { count, rowHeight, overscan, offset };

  const compute = useCallback((): RowWindow => {
    const o = latest.current;
    const top = window.scrollY - o.offset;
    const end = Math.max(0, Math.min(o.count, Math.ceil((top + window.innerHeight) / o.rowHeight) + o.overscan));
    const start = Math.min(end, Math.max(0, Math.floor(top / o.rowHeight) - o.overscan));
    return { start, end };
  }, []);

  const [range, setRange] = useState<RowWindow>(compute);
  const [scrolling, setScrolling] = useState(false);
  const update = useCallback(() => {
    const next = compute();
    setRange((prev) => (prev.start === next.start && prev.end === next.end ? prev : next));
  }, [compute]);

  // Where the list starts in the page, again whenever the page is resized.
  useLayoutEffect(() => {
    const measure = () => {
      const el = listRef.current;
      if (el) setOffset(el.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [listRef]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `update` reads these through `latest`
  useLayoutEffect(update, [count, rowHeight, overscan, offset, update]);

  useEffect(() => {
    let idle: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      flushSync(() => {
        update();
        setScrolling(true);
      });
      clearTimeout(idle);
      idle = setTimeout(() => setScrolling(false), SCROLL_IDLE_MS);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      clearTimeout(idle);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', update);
    };
  }, [update]);

  /** Scrolls as little as needed to show row `index` whole, below the sticky header. */
  const scrollToIndex = useCallback(
    (index: number) => {
      const o = latest.current;
      const rowTop = o.offset + index * o.rowHeight;
      const rowBottom = rowTop + o.rowHeight;
      if (rowTop - stickyTop < window.scrollY) window.scrollTo(0, rowTop - stickyTop);
      else if (rowBottom > window.scrollY + window.innerHeight) window.scrollTo(0, rowBottom - window.innerHeight);
    },
    [stickyTop],
  );

  return { range, scrolling, totalHeight: count * rowHeight, scrollToIndex };
}
