import { Badge, Button, Group, Skeleton, Text } from '@mantine/core';
import { IconArrowBackUp, IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PeopleSort } from '../../../../src/contract/people.js';
import { CircleBadge } from '../../components/circle-badge';
import { PersonAvatar } from '../../components/person-avatar';
import { RelativeTime } from '../../components/relative-time';
import { roleLine } from '../../lib/labels';
import type { PersonRow } from '../../lib/types';
import classes from './people.module.css';

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

/**
 * The people table: one DOM row per visible person however long the list, moved with the
 * arrow keys (Enter opens), and a card layout on phones.
 */
export function PeopleList({ rows, count, ensure, compact, trash, stale, sort, onSort, onRestore }: PeopleListProps) {
  const navigate = useNavigate();
  const listRef = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  const [active, setActive] = useState(-1);
  const rowHeight = compact ? ROW.compact : ROW.wide;

  useLayoutEffect(() => {
    const measure = () => {
      const el = listRef.current;
      if (el) setOffset(el.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: () => rowHeight,
    overscan: 10,
    scrollMargin: offset,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    ensure(lastVisible + 20);
  }, [lastVisible, ensure]);

  // Row height changes with the layout (table or cards): forget the old measurements.
  useEffect(() => {
    if (rowHeight > 0) virtualizer.measure();
  }, [rowHeight, virtualizer]);

  useEffect(() => {
    if (active >= count) setActive(count - 1);
  }, [count, active]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(count - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
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

  const activeRow = active >= 0 ? rows[active] : undefined;
  const openPerson = useCallback((id: string) => navigate(`/people/${id}`), [navigate]);

  return (
    <div
      ref={listRef}
      className={classes.grid}
      role="grid"
      aria-label={trash ? 'People in the trash' : 'People'}
      aria-rowcount={count + (compact ? 0 : 1)}
      aria-activedescendant={activeRow ? `person-row-${activeRow.id}` : undefined}
      aria-busy={stale || undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && active < 0 && count > 0) setActive(0);
      }}
    >
      {!compact && <HeaderRow sort={sort} onSort={onSort} trash={trash} />}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => (
          <Row
            key={item.key}
            index={item.index}
            top={item.start - virtualizer.options.scrollMargin}
            height={item.size}
            person={rows[item.index]}
            active={item.index === active}
            last={item.index === count - 1}
            compact={compact}
            trash={trash}
            stale={stale}
            onActivate={setActive}
            onOpen={openPerson}
            onRestore={onRestore}
          />
        ))}
      </div>
    </div>
  );
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
  onActivate: (index: number) => void;
  onOpen: (id: string) => void;
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
  onActivate,
  onOpen,
  onRestore,
}: RowProps) {
  const className = `${classes.row} ${compact ? classes.card : classes.cols} ${last ? classes.lastRow : ''}`;
  const style = { top: 0, height, transform: `translateY(${top}px)` };
  if (!person) {
    return (
      <div role="row" tabIndex={-1} aria-rowindex={index + 2} className={className} style={style}>
        <RowSkeleton compact={compact} />
      </div>
    );
  }
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the grid owns the keyboard (arrows + Enter)
    <div
      id={`person-row-${person.id}`}
      role="row"
      tabIndex={-1}
      aria-rowindex={index + 2}
      aria-selected={active}
      data-active={active || undefined}
      data-stale={stale || undefined}
      className={className}
      style={style}
      onClick={(e) => {
        onActivate(index);
        if ((e.target as HTMLElement).closest('a,button')) return;
        onOpen(person.id);
      }}
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
      <div role="gridcell" tabIndex={-1} className={classes.cell}>
        <Group gap={12} wrap="nowrap">
          <PersonAvatar person={person} size={38} />
          <div style={{ minWidth: 0 }}>
            <Link to={`/people/${person.id}`} className={`${classes.name} ${classes.truncate}`} tabIndex={-1}>
              {person.fullName}
            </Link>
            <Text size="xs" c="dimmed" className={classes.truncate} title={role ?? undefined}>
              {role ?? '\u00a0'}
            </Text>
          </div>
        </Group>
      </div>
      <div role="gridcell" tabIndex={-1} className={classes.cell}>
        <Text
          size="sm"
          className={classes.truncate}
          title={person.headline ?? undefined}
          c={person.headline ? undefined : 'dimmed'}
        >
          {person.headline ?? ''}
        </Text>
      </div>
      <div role="gridcell" tabIndex={-1} className={classes.cell}>
        <CircleBadge circle={person.circle} tooltip={false} />
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
        <PersonAvatar person={person} size={44} />
      </div>
      <div role="gridcell" tabIndex={-1} className={classes.cell}>
        <Link
          to={`/people/${person.id}`}
          className={`${classes.name} ${classes.truncate}`}
          tabIndex={-1}
          style={{ display: 'block' }}
        >
          {person.fullName}
        </Link>
        <Text size="sm" c="dimmed" className={classes.truncate}>
          {person.headline ?? role ?? '\u00a0'}
        </Text>
        {person.headline && role && (
          <Text size="xs" c="dimmed" className={classes.truncate}>
            {role}
          </Text>
        )}
      </div>
      <div role="gridcell" tabIndex={-1} style={{ textAlign: 'right' }}>
        <LastCell person={person} trash={trash} onRestore={onRestore} compact />
      </div>
    </>
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
  return (
    <Text
      size={compact ? 'xs' : 'sm'}
      c={compact || !person.lastInteractionAt ? 'dimmed' : undefined}
      className={classes.truncate}
    >
      {person.lastInteractionAt ? (
        <RelativeTime iso={person.lastInteractionAt} compact={compact} />
      ) : compact ? (
        ''
      ) : (
        'Not yet'
      )}
    </Text>
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
        <Badge key={t} size="sm" color="gray" variant="light" tt="none" fw={500} style={{ flexShrink: 1, minWidth: 0 }}>
          {t}
        </Badge>
      ))}
      {tags.length > shown.length && (
        <Text size="xs" c="dimmed" style={{ alignSelf: 'center', flexShrink: 0 }}>
          +{tags.length - shown.length}
        </Text>
      )}
    </div>
  );
}

function RowSkeleton({ compact }: { compact: boolean }) {
  if (compact) {
    return (
      <>
        <Skeleton circle height={44} />
        <div>
          <Skeleton height={12} width="50%" mb={8} />
          <Skeleton height={10} width="80%" />
        </div>
        <Skeleton height={10} width={50} />
      </>
    );
  }
  return (
    <>
      <Group gap={12} wrap="nowrap">
        <Skeleton circle height={38} />
        <div style={{ flex: 1 }}>
          <Skeleton height={11} width="60%" mb={7} />
          <Skeleton height={9} width="80%" />
        </div>
      </Group>
      <Skeleton height={10} width="75%" />
      <Skeleton height={18} width={64} radius="xl" />
      <Skeleton height={14} width={60} />
      <Skeleton height={10} width={70} />
    </>
  );
}
