import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import {
  IconBrandGithub,
  IconBrandLinkedin,
  IconBrandMastodon,
  IconBrandX,
  IconCake,
  IconCalendarHeart,
  IconClock,
  IconLink,
  IconMail,
  IconMapPin,
  IconPhone,
  IconStar,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { MarkdownText } from '../../components/markdown-text';
import { metChannelLabel, purposeLabel } from '../../lib/labels';
import { safeUrl } from '../../lib/safe-url';
import { dayjs, lazyDateFormat } from '../../lib/time';
import type { PersonDetail } from '../../lib/types';
import { Learnings } from './learnings';

const longDate = lazyDateFormat({ day: 'numeric', month: 'long', year: 'numeric' });
const dayMonth = lazyDateFormat({ day: 'numeric', month: 'long' });
const monthYear = lazyDateFormat({ month: 'short', year: 'numeric' });

/** What you know about a person, in the order you need it before a conversation. */
export function AboutPanel({ person }: { person: PersonDetail }) {
  return (
    <Stack gap="md">
      <Block title="How you met">
        <HowWeMet person={person} />
      </Block>
      <Block title="Things learned">
        <Learnings person={person} />
      </Block>
      {(person.topics.length > 0 || person.purposes.length > 0) && (
        <Block title="What they care about">
          {person.topics.length > 0 && (
            <Group gap={6}>
              {person.topics.map((t) => (
                <Badge key={t} variant="light" tt="none" fw={500} size="md">
                  {t}
                </Badge>
              ))}
            </Group>
          )}
          {person.purposes.length > 0 && (
            <Text size="sm" c="dimmed" mt={person.topics.length ? 'sm' : 0}>
              Why they matter to you: {person.purposes.map((p) => purposeLabel[p].toLowerCase()).join(', ')}
            </Text>
          )}
        </Block>
      )}
      {person.importantDates.length > 0 && (
        <Block title="Important dates">
          <Stack gap={8}>
            {person.importantDates.map((d) => (
              <ImportantDate key={`${d.kind}-${d.month}-${d.day}-${d.label ?? ''}`} date={d} />
            ))}
          </Stack>
        </Block>
      )}
      <Block title="Contact">
        <Contact person={person} />
      </Block>
      {person.tags.length > 0 && (
        <Block title="Tags">
          <Group gap={6}>
            {person.tags.map((t) => (
              <Badge
                key={t}
                component={Link}
                to={`/people?tag=${encodeURIComponent(t)}`}
                variant="light"
                color="gray"
                tt="none"
                fw={500}
                style={{ cursor: 'pointer' }}
              >
                {t}
              </Badge>
            ))}
          </Group>
        </Block>
      )}
      {person.notes.trim() && (
        <Block title="Notes">
          <MarkdownText source={person.notes} />
        </Block>
      )}
      {person.roles.length > 0 && (
        <Block title="Roles">
          <Stack gap={10}>
            {person.roles.map((r) => (
              <div key={r.id}>
                <Text size="sm" fw={500}>
                  {[r.title, r.organisation?.name].filter(Boolean).join(' at ') || 'A role'}
                </Text>
                <Text size="xs" c="dimmed">
                  {period(r.startedOn, r.endedOn)}
                </Text>
              </div>
            ))}
          </Stack>
        </Block>
      )}
    </Stack>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="tend-card" style={{ padding: '16px 18px' }} aria-label={title}>
      <Title order={3} fz={13} fw={650} c="dimmed" tt="uppercase" mb={10} style={{ letterSpacing: '0.06em' }}>
        {title}
      </Title>
      {children}
    </section>
  );
}

function HowWeMet({ person }: { person: PersonDetail }) {
  const m = person.howWeMet;
  const first = [m.channel ? metChannelLabel[m.channel] : null, m.event ? m.event : null, m.platform].filter(Boolean);
  if (!first.length && !m.context && !m.date && !m.introducedBy) {
    return (
      <Text size="sm" c="dimmed">
        Not recorded. Where did your paths cross? Edit to add it while you still remember.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {first.length > 0 && (
        <Text size="sm" fw={500}>
          {first.join(', ')}
        </Text>
      )}
      {m.context && <Text size="sm">{m.context}</Text>}
      {m.introducedBy && (
        <Text size="sm">
          Introduced by{' '}
          <Anchor component={Link} to={`/people/${m.introducedBy.id}`} size="sm">
            {m.introducedBy.fullName}
          </Anchor>
        </Text>
      )}
      {m.date && (
        <Text size="xs" c="dimmed">
          {longDate.format(new Date(`${m.date}T12:00:00`))} · {dayjs(m.date).fromNow()}
        </Text>
      )}
    </Stack>
  );
}

function ImportantDate({ date }: { date: PersonDetail['importantDates'][number] }) {
  const now = dayjs().startOf('day');
  let next = dayjs(new Date(now.year(), date.month - 1, date.day));
  if (next.isBefore(now)) next = next.add(1, 'year');
  const days = next.diff(now, 'day');
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  const label =
    date.kind === 'birthday'
      ? 'Birthday'
      : date.kind === 'work_anniversary'
        ? 'Work anniversary'
        : (date.label ?? 'Date');
  const Icon = date.kind === 'birthday' ? IconCake : date.kind === 'work_anniversary' ? IconStar : IconCalendarHeart;
  const years = date.year ? next.year() - date.year : null;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Icon size={18} stroke={1.6} color="var(--mantine-color-dimmed)" style={{ marginTop: 2, flexShrink: 0 }} />
      <div>
        <Text size="sm" fw={500}>
          {label}
          {date.kind === 'custom' || !date.label ? '' : ` (${date.label})`}
        </Text>
        <Text size="xs" c={days <= 14 ? undefined : 'dimmed'} fw={days <= 14 ? 600 : undefined}>
          {dayMonth.format(next.toDate())}, {when}
          {years && years > 0 && date.kind === 'birthday' ? ` · turns ${years}` : ''}
          {years && years > 0 && date.kind === 'work_anniversary' ? ` · ${years} year${years === 1 ? '' : 's'}` : ''}
        </Text>
      </div>
    </Group>
  );
}

function Contact({ person }: { person: PersonDetail }) {
  const rows: ReactNode[] = [];
  for (const e of person.emails) {
    rows.push(
      <ContactRow key={`e-${e.value}`} icon={<IconMail size={17} stroke={1.6} />} label={e.label}>
        <Anchor href={`mailto:${e.value}`} size="sm">
          {e.value}
        </Anchor>
      </ContactRow>,
    );
  }
  for (const p of person.phones) {
    rows.push(
      <ContactRow key={`p-${p.value}`} icon={<IconPhone size={17} stroke={1.6} />} label={p.label}>
        <Anchor href={`tel:${p.value.replace(/[^\d+]/g, '')}`} size="sm">
          {p.value}
        </Anchor>
      </ContactRow>,
    );
  }
  for (const l of person.links) {
    rows.push(
      <ContactRow key={`l-${l.url}`} icon={linkIcon(l.url, l.label)} label={null}>
        <Anchor
          href={safeUrl(l.url)}
          target="_blank"
          rel="noopener noreferrer nofollow"
          size="sm"
          style={{ overflowWrap: 'anywhere' }}
        >
          {linkText(l.url, l.label)}
        </Anchor>
      </ContactRow>,
    );
  }
  if (person.location) {
    rows.push(
      <ContactRow key="loc" icon={<IconMapPin size={17} stroke={1.6} />} label={null}>
        <Text size="sm">{person.location}</Text>
      </ContactRow>,
    );
  }
  if (person.timeZone) {
    rows.push(
      <ContactRow key="tz" icon={<IconClock size={17} stroke={1.6} />} label={null}>
        <Text size="sm">{localTime(person.timeZone)}</Text>
      </ContactRow>,
    );
  }
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No email, phone or links yet.
      </Text>
    );
  }
  return <Stack gap={8}>{rows}</Stack>;
}

function ContactRow({ icon, label, children }: { icon: ReactNode; label: string | null; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <span style={{ color: 'var(--mantine-color-dimmed)', display: 'inline-flex', flexShrink: 0 }} aria-hidden>
        {icon}
      </span>
      <div style={{ minWidth: 0 }}>{children}</div>
      {label && (
        <Text size="xs" c="dimmed" ml="auto">
          {label}
        </Text>
      )}
    </Group>
  );
}

function linkIcon(url: string, label: string | null) {
  const s = `${label ?? ''} ${url}`.toLowerCase();
  const props = { size: 17, stroke: 1.6 };
  if (s.includes('linkedin')) return <IconBrandLinkedin {...props} />;
  if (s.includes('github')) return <IconBrandGithub {...props} />;
  if (s.includes('mastodon')) return <IconBrandMastodon {...props} />;
  if (s.includes('twitter') || s.includes('x.com')) return <IconBrandX {...props} />;
  return <IconLink {...props} />;
}

function linkText(url: string, label: string | null): string {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/$/, '');
    const text = `${u.hostname.replace(/^www\./, '')}${path}`;
    return label && !text.toLowerCase().includes(label.toLowerCase()) ? `${label}: ${text}` : text;
  } catch {
    return url;
  }
}

function localTime(timeZone: string): string {
  try {
    const time = new Intl.DateTimeFormat(undefined, { timeZone, hour: 'numeric', minute: '2-digit' }).format(
      new Date(),
    );
    return `${time} local time (${timeZone.replace(/_/g, ' ')})`;
  } catch {
    return timeZone;
  }
}

function period(start: string | null, end: string | null): string {
  const f = (d: string) => monthYear.format(new Date(`${d.slice(0, 10)}T12:00:00`));
  if (start && end) return `${f(start)} to ${f(end)}`;
  if (start) return `Since ${f(start)}`;
  if (end) return `Until ${f(end)}`;
  return 'Dates unknown';
}
