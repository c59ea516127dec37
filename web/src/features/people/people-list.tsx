import { Button, Group } from '@mantine/core';
import { IconArrowBackUp, IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { type KeyboardEvent, type MouseEvent, memo, type PointerEvent, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PeopleSort } from '../../../../src/contract/people.js';
import { warmPersonPage } from '../../app/intent-prefetch';
import { colorFor, initials } from '../../components/person-avatar';
import { circleHint, circleLabel, roleLine } from '../../lib/labels';
import { compactRelative, exactDate, relative } from '../../lib/time';
import type { PersonRow } from '../../lib/types';
import classes from './people.module.css';
import { useWindowRows } from './use-window-rows';

interface PeopleListProps {
  rows: (PersonRow | undefined)[];
  count: number;
  ensure: (index: number) => void;
  compact: boolean;
  trash: boolean;
  stale: boolean;
  sort: PeopleSort;
  onSort: (sort: PeopleSort) => void;
  onRestore: (person: PersonRow) => void;
}

const ROW = { wide: 64, compact: 78 };
/** The sticky column header's height (people.module.css, .head). */
const HEAD = 42;
const OVERSCAN = 8;

/**
 * The people table: one DOM row per visible person however long the list, moved with the
 * arrow keys (Enter opens), and a card layout on phones.
 *
 * Built for scrolling 100,000 rows at speed (docs/performance.md, "Web: scrolling"): rows are
 * plain elements styled by this feature's CSS module (no component kit inside a row), placed
 * with a transform at a fixed height, and keyed by a slot that is reused as the window moves,
 * so a frame updates the text of the rows in place instead of building new ones.
 */
export function PeopleList({ rows, count, ensure, compact, trash, stale, sort, onSort, onRestore }: PeopleListProps) {
  const navigate = useNavigate();
  const rowsRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const rowHeight = compact ? ROW.compact : ROW.wide;
  const { range, scrolling, totalHeight, scrollToIndex } = useWindowRows(rowsRef, {
    count,
    rowHeight,
    overscan: OVERSCAN,
    stickyTop: compact ? 0 : HEAD,
  });
  const lastVisible = Math.max(0, range.end - 1);

  useEffect(() => {
    ensure(lastVisible + 20);
  }, [lastVisible, ensure]);

  useEffect(() => {
    if (active >= count) setActive(count - 1);
  }, [count, active]);

  // People are on screen: the page they open is the likely next one, so its code loads when idle.
  useEffect(() => {
    if (count > 0 && !trash) warmPersonPage();
  }, [count, trash]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    scrollToIndex(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor(window.innerHeight / rowHeight) - 2);
    let target: number | null = null;
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        target = active + 1;
        break;
      case 'ArrowUp':
      case 'k':
        target = active - 1;
        break;
      case 'PageDown':
        target = active + page;
        break;
      case 'PageUp':
        target = active - page;
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = count - 1;
        break;
      case 'Enter': {
        const p = rows[active];
        if (p) {
          e.preventDefault();
          navigate(`/people/${p.id}`);
        }
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    move(target);
  };

  // One listener for every row: a click selects the row and opens the person, a plain click on
  // the name is kept in the app (a modified one opens a tab, as a link does), buttons act alone.
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const target = e.target as Element;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row || !e.currentTarget.contains(row)) return;
    const index = Number(row.dataset.index);
    const person = rows[index];
    if (!person) return;
    setActive(index);
    if (target.closest('button')) return;
    if (target.closest('a')) {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
    }
    navigate(`/people/${person.id}`);
  };

  // The exact date of a last contact, as its title, when the pointer reaches it: formatting it
  // for every row drawn would make the list's first paint wait for the locale's date data.
  const onPointerOver = (e: PointerEvent<HTMLDivElement>) => {
    const time = (e.target as Element).closest('time');
    if (time && e.currentTarget.contains(time)) time.title = exactDate(time.dateTime);
  };

  const activeRow = active >= 0 ? rows[active] : undefined;
  // A slot per place in the window, reused as it moves: a row that leaves hands its DOM to the
  // one that enters. While the list scrolls the slots keep their DOM order (nothing is moved);
  // at rest the rows are put back in reading order for assistive technology.
  const slots = Math.ceil(window.innerHeight / rowHeight) + 2 + 2 * OVERSCAN;
  const indexes = windowIndexes(range.start, range.end, slots, scrolling);

  return (
    <div
      className={classes.grid}
      role="grid"
      aria-label={trash ? 'People in the trash' : 'People'}
      aria-rowcount={count + (compact ? 0 : 1)}
      aria-activedescendant={activeRow ? `person-row-${activeRow.id}` : undefined}
      aria-busy={stale || undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onClick={onClick}
      onPointerOver={onPointerOver}
      onFocus={(e) => {
        if (e.target === e.currentTarget && active < 0 && count > 0) setActive(0);
      }}
    >
      {!compact && <HeaderRow sort={sort} onSort={onSort} trash={trash} />}
      <div ref={rowsRef} className={classes.rows} style={{ height: totalHeight }}>
        {indexes.map((index) => (
          <Row
            key={index % slots}
            index={index}
            top={index * rowHeight}
            height={rowHeight}
            person={rows[index]}
            active={index === active}
            last={index === count - 1}
            compact={compact}
            trash={trash}
            stale={stale}
            onRestore={onRestore}
          />
        ))}
      </div>
    </div>
  );
}

/** The rows to draw, in reading order, or while scrolling in slot order (a slot's DOM then stays where it is). */
function windowIndexes(start: number, end: number, slots: number, bySlot: boolean): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(i);
  return bySlot ? out.sort((a, b) => (a % slots) - (b % slots)) : out;
}

interface RowProps {
  index: number;
  top: number;
  height: number;
  person: PersonRow | undefined;
  active: boolean;
  last: boolean;
  compact: boolean;
  trash: boolean;
  stale: boolean;
  onRestore: (person: PersonRow) => void;
}

/* Memoised: while scrolling, rows already on screen keep their props and do not re-render. */
const Row = memo(function Row({
  index,
  top,
  height,
  person,
  active,
  last,
  compact,
  trash,
  stale,
  onRestore,
}: RowProps) {
  const className = `${classes.row} ${compact ? classes.card : classes.cols}${last ? ` ${classes.lastRow}` : ''}`;
  const style = { height, transform: `translateY(${top}px)` };
  if (!person) {
    return (
      <div role="row" tabIndex={-1} aria-rowindex={index + 2} data-index={index} className={className} style={style}>
        {compact ? <CardPlaceholder /> : <WidePlaceholder />}
      </div>
    );
  }
  return (
    <div
      id={`person-row-${person.id}`}
      role="row"
      tabIndex={-1}
      aria-rowindex={index + 2}
      aria-selected={active}
      data-index={index}
      data-active={active || undefined}
      data-stale={stale || undefined}
      className={className}
      style={style}
    >
      {compact ? (
        <CardCells person={person} trash={trash} onRestore={onRestore} />
      ) : (
        <WideCells person={person} trash={trash} onRestore={onRestore} />
      )}
    </div>
  );
});

function HeaderRow({ sort, onSort, trash }: { sort: PeopleSort; onSort: (s: PeopleSort) => void; trash: boolean }) {
  const nameSort = sort === 'name' ? 'ascending' : sort === '-name' ? 'descending' : 'none';
  const contactSort = sort === '-lastContact' ? 'descending' : sort === 'lastContact' ? 'ascending' : 'none';
  const arrow = (dir: string) =>
    dir === 'ascending' ? <IconArrowUp size={12} /> : dir === 'descending' ? <IconArrowDown size={12} /> : null;
  return (
    <div className={`${classes.head} ${classes.cols}`} role="row" tabIndex={-1} aria-rowindex={1}>
      <div role="columnheader" tabIndex={-1} aria-sort={nameSort}>
        <button
          type="button"
          className={classes.sortButton}
          data-active={nameSort !== 'none' || undefined}
          onClick={() => onSort(sort === 'name' ? '-name' : 'name')}
        >
          Name {arrow(nameSort)}
        </button>
      </div>
      <div role="columnheader" tabIndex={-1}>
        The one line
      </div>
      <div role="columnheader" tabIndex={-1}>
        Circle
      </div>
      <div role="columnheader" tabIndex={-1}>
        Tags
      </div>
      <div role="columnheader" tabIndex={-1} aria-sort={trash ? undefined : contactSort}>
        {trash ? (
          'Deleted'
        ) : (
          <button
            type="button"
            className={classes.sortButton}
            data-active={contactSort !== 'none' || undefined}
            onClick={() => onSort(sort === '-lastContact' ? 'lastContact' : '-lastContact')}
          >
            Last contact {arrow(contactSort)}
          </button>
        )}
      </div>
    </div>
  );
}

interface CellsProps {
  person: PersonRow;
  trash: boolean;
  onRestore: (p: PersonRow) => void;
}

function WideCells({ person, trash, onRestore }: CellsProps) {
  const role = roleLine(person.roleTitle, person.organisation);
  return (
    <>
      <div role="gridcell" tabIndex={-1} className={`${classes.cell} ${classes.who}`}>
        <Avatar person={person} />
        <div className={classes.cell}>
          <a href={`/people/${person.id}`} className={`${classes.name} ${classes.truncate}`} tabIndex={-1}>
            {person.fullName}
          </a>
          <div className={`${classes.xs} ${classes.dimmed} ${classes.truncate}`} title={role ?? undefined}>
            {role ?? '\u00a0'}
          </div>
        </div>
      </div>
      <div
        role="gridcell"
        tabIndex={-1}
        className={`${classes.cell} ${classes.sm} ${classes.truncate}`}
        title={person.headline ?? undefined}
      >
        {person.headline ?? ''}
      </div>
      <div role="gridcell" tabIndex={-1} className={classes.cell}>
        <span className={classes.circle} data-circle={person.circle} title={circleHint[person.circle]}>
          {circleLabel[person.circle]}
        </span>
      </div>
      <div role="gridcell" tabIndex={-1} className={classes.cell}>
        <Tags tags={person.tags} />
      </div>
      <div role="gridcell" tabIndex={-1} className={classes.cell}>
        <LastCell person={person} trash={trash} onRestore={onRestore} />
      </div>
    </>
  );
}

function CardCells({ person, trash, onRestore }: CellsProps) {
  const role = roleLine(person.roleTitle, person.organisation);
  return (
    <>
      <div aria-hidden>
        <Avatar person={person} />
      </div>
      <div role="gridcell" tabIndex={-1} className={classes.cell}>
        <a href={`/people/${person.id}`} className={`${classes.name} ${classes.truncate}`} tabIndex={-1}>
          {person.fullName}
        </a>
        <div className={`${classes.sm} ${classes.dimmed} ${classes.truncate}`}>
          {person.headline ?? role ?? '\u00a0'}
        </div>
        {person.headline && role && <div className={`${classes.xs} ${classes.dimmed} ${classes.truncate}`}>{role}</div>}
      </div>
      <div role="gridcell" tabIndex={-1} className={classes.end}>
        <LastCell person={person} trash={trash} onRestore={onRestore} compact />
      </div>
    </>
  );
}

/*
 * The face: initials on the person's colour, or their photo over them (hidden again if it
 * fails to load). Keyed by the photo, so a reused row never keeps another person's image.
 */
function Avatar({ person }: { person: PersonRow }) {
  return (
    <span className={classes.avatar} data-color={colorFor(person.id)}>
      {initials(person.fullName)}
      {person.photoUrl && (
        <img
          key={person.photoUrl}
          src={person.photoUrl}
          alt=""
          loading="lazy"
          referrerPolicy="no-referrer"
          onError={(e) => {
            e.currentTarget.hidden = true;
          }}
        />
      )}
    </span>
  );
}

function LastCell({ person, trash, onRestore, compact }: CellsProps & { compact?: boolean }) {
  if (trash) {
    return (
      <Group gap={6} wrap="nowrap" justify="flex-end">
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconArrowBackUp size={14} />}
          onClick={() => onRestore(person)}
          aria-label={`Restore ${person.fullName}`}
          className="tend-touch"
        >
          Restore
        </Button>
      </Group>
    );
  }
  const at = person.lastInteractionAt;
  if (compact) {
    return (
      <div className={`${classes.xs} ${classes.dimmed} ${classes.truncate}`}>
        {at && (
          <time dateTime={at}>
            <span aria-hidden>{compactRelative(at)}</span>
            <span className={classes.srOnly}>{relative(at)}</span>
          </time>
        )}
      </div>
    );
  }
  return (
    <div className={`${classes.sm} ${classes.truncate}${at ? '' : ` ${classes.dimmed}`}`}>
      {at ? <time dateTime={at}>{relative(at)}</time> : 'Not yet'}
    </div>
  );
}

function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  // Two short tags fit the column; otherwise one and a count, never a squeezed "clima…".
  const twoFit = tags.length >= 2 && (tags[0]?.length ?? 0) + (tags[1]?.length ?? 0) <= 16;
  const shown = tags.slice(0, twoFit ? 2 : 1);
  return (
    <div className={classes.tags} title={tags.join(', ')}>
      {shown.map((t) => (
        <span key={t} className={classes.tag}>
          {t}
        </span>
      ))}
      {tags.length > shown.length && (
        <span className={`${classes.xs} ${classes.dimmed} ${classes.more}`}>+{tags.length - shown.length}</span>
      )}
    </div>
  );
}

/* Placeholders for rows still on their way: the shapes of a row, static (nothing animates per row). */
function WidePlaceholder() {
  return (
    <>
      <div className={classes.who} aria-hidden>
        <span className={`${classes.bone} ${classes.boneFace}`} />
        <div className={classes.boneLines}>
          <span className={`${classes.bone} ${classes.boneName}`} />
          <span className={`${classes.bone} ${classes.boneRole}`} />
        </div>
      </div>
      <span className={`${classes.bone} ${classes.boneLine}`} />
      <span className={`${classes.bone} ${classes.boneCircle}`} />
      <span className={`${classes.bone} ${classes.boneTags}`} />
      <span className={`${classes.bone} ${classes.boneLast}`} />
    </>
  );
}

function CardPlaceholder() {
  return (
    <>
      <span className={`${classes.bone} ${classes.boneFace}`} />
      <div className={classes.boneLines}>
        <span className={`${classes.bone} ${classes.boneName}`} />
        <span className={`${classes.bone} ${classes.boneRole}`} />
      </div>
      <span className={`${classes.bone} ${classes.boneLast}`} />
    </>
  );
}
