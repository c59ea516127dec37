import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconActivityHeartbeat,
  IconArrowBackUp,
  IconCalendarDue,
  IconClock,
  IconDots,
  IconMail,
  IconMapPin,
  IconMessages,
  IconNotebook,
  IconPencil,
  IconTrash,
  IconUserPlus,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCapture } from '../../app/capture-context';
import { CircleBadge } from '../../components/circle-badge';
import { PersonAvatar } from '../../components/person-avatar';
import { RelativeTime } from '../../components/relative-time';
import { api, isApiError, keys, queryClient } from '../../lib/api';
import { firstName, roleLine } from '../../lib/labels';
import type { PersonDetail } from '../../lib/types';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePhone } from '../../lib/use-media';
import { daysFrom, inDays } from '../today/dates';
import { PersonNetwork } from '../opportunities/person-network';
import { WarmPaths } from '../paths/warm-paths';
import { AboutPanel } from './about-panel';
import { KeepInTouchPanel } from './keep-in-touch-panel';
import { MetAt } from './met-at';
import classes from './person.module.css';
import { personQuery } from './person-query';
import { Timeline } from './timeline';

const EditPersonModal = lazy(() => import('./edit-person-modal'));

export default function PersonPage() {
  const { id = '' } = useParams();
  const person = useQuery(personQuery(id));
  useDocumentTitle(person.data?.fullName ?? 'Person');

  if (person.isPending) return <PersonSkeleton />;
  if (person.isError) {
    const notFound = isApiError(person.error) && (person.error.status === 404 || person.error.status === 400);
    return (
      <Stack gap="md" maw={560} py="xl">
        <Title order={1} fz={26}>
          {notFound ? 'This person is not in your network' : 'Could not load this person'}
        </Title>
        <Text c="dimmed">
          {notFound
            ? 'They may have been deleted for good, or the link is wrong.'
            : `${person.error.message}. Check that the server is running and try again.`}
        </Text>
        <Group>
          <Button component={Link} to="/people">
            Back to people
          </Button>
          {!notFound && (
            <Button variant="default" onClick={() => person.refetch()}>
              Try again
            </Button>
          )}
        </Group>
      </Stack>
    );
  }
  return <PersonView person={person.data} />;
}

function PersonView({ person }: { person: PersonDetail }) {
  const phone = usePhone();
  const capture = useCapture();
  const navigate = useNavigate();
  const [tab, setTab] = useState<'timeline' | 'about'>('timeline');
  const [editOpen, setEditOpen] = useState(false);
  const [editMounted, setEditMounted] = useState(false);
  const role = roleLine(person.roleTitle, person.organisation);
  const primaryEmail = person.emails.find((e) => e.primary)?.value ?? person.emails[0]?.value;

  const openEdit = () => {
    setEditMounted(true);
    setEditOpen(true);
  };

  const restore = async () => {
    try {
      const restored = await api.restorePerson({ params: { id: person.id } });
      queryClient.setQueryData(keys.person(person.id), restored);
      void queryClient.invalidateQueries({ queryKey: keys.people });
      notifications.show({ color: 'sage', message: `${person.fullName} is back in your network.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not restore', message: (error as Error).message });
    }
  };

  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const remove = async () => {
    setDeleting(true);
    try {
      await api.deletePerson({ params: { id: person.id } });
      setConfirmDelete(false);
      queryClient.removeQueries({ queryKey: keys.person(person.id) });
      void queryClient.invalidateQueries({ queryKey: keys.people });
      navigate('/people');
      const nid = notifications.show({
        color: 'gray',
        autoClose: 8000,
        message: (
          <Group justify="space-between" gap="sm" wrap="nowrap">
            <span>{person.fullName} moved to the trash.</span>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={async () => {
                notifications.hide(nid);
                await api.restorePerson({ params: { id: person.id } });
                void queryClient.invalidateQueries({ queryKey: keys.people });
                navigate(`/people/${person.id}`);
              }}
            >
              Undo
            </Button>
          </Group>
        ),
      });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not delete', message: (error as Error).message });
    } finally {
      setDeleting(false);
    }
  };

  const actions = (
    <Group gap="sm" wrap="nowrap" className={classes.actions}>
      <Button
        data-testid="log-interaction"
        leftSection={<IconNotebook size={17} />}
        onClick={() => capture.logInteraction({ participants: [person] })}
        className="tend-touch"
        style={phone ? { flex: 2 } : undefined}
        disabled={Boolean(person.deletedAt)}
      >
        Log interaction
      </Button>
      <Button
        variant="default"
        leftSection={<IconPencil size={17} />}
        onClick={openEdit}
        className="tend-touch"
        style={phone ? { flex: 1 } : undefined}
      >
        Edit
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size={phone ? 44 : 36} aria-label="More actions">
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {primaryEmail && (
            <Menu.Item component="a" href={`mailto:${primaryEmail}`} leftSection={<IconMail size={16} />}>
              Email {firstName(person.fullName)}
            </Menu.Item>
          )}
          <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );

  const fact = (key: string, icon: React.ReactNode, content: React.ReactNode) => (
    <span key={key} className={classes.fact}>
      {icon}
      {content}
    </span>
  );
  const iconProps = { size: 15, stroke: 1.7, 'aria-hidden': true } as const;
  const facts = [
    fact(
      'last',
      <IconClock {...iconProps} />,
      person.lastInteractionAt ? (
        <span>
          Last talked <RelativeTime iso={person.lastInteractionAt} />
        </span>
      ) : (
        'No conversation logged yet'
      ),
    ),
    person.interactionCount > 0
      ? fact(
          'count',
          <IconMessages {...iconProps} />,
          `${person.interactionCount} interaction${person.interactionCount === 1 ? '' : 's'}`,
        )
      : null,
    fact(
      'strength',
      <IconActivityHeartbeat {...iconProps} />,
      `Strength ${Math.round(person.keepInTouch.strength)}, ${person.keepInTouch.trend}`,
    ),
    person.keepInTouch.nextDueOn && !person.deletedAt
      ? fact('due', <IconCalendarDue {...iconProps} />, dueText(person.keepInTouch.nextDueOn))
      : null,
    person.location ? fact('loc', <IconMapPin {...iconProps} />, person.location) : null,
    fact(
      'added',
      <IconUserPlus {...iconProps} />,
      <span>
        Added <RelativeTime iso={person.createdAt} />
      </span>,
    ),
  ];

  return (
    <Stack gap="xl">
      {person.deletedAt && (
        <Alert color="orange" variant="light" title="In the trash">
          <Group justify="space-between" gap="sm">
            <Text size="sm">
              {person.fullName} was deleted <RelativeTime iso={person.deletedAt} />. Restore them to keep in touch.
            </Text>
            <Button
              size="xs"
              variant="light"
              color="orange"
              onClick={restore}
              leftSection={<IconArrowBackUp size={14} />}
            >
              Restore
            </Button>
          </Group>
        </Alert>
      )}

      <header className={classes.header}>
        <PersonAvatar person={person} size={phone ? 60 : 84} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" align="center" wrap="wrap">
            <Title order={1} fz={{ base: 24, sm: 30 }} lh={1.15} style={{ letterSpacing: '-0.02em' }}>
              {person.fullName}
            </Title>
            <CircleBadge circle={person.circle} size="md" />
          </Group>
          {role && (
            <Text size="md" mt={4} fw={500}>
              {role}
            </Text>
          )}
          {person.headline && (
            <Text c="dimmed" mt={2}>
              {person.headline}
            </Text>
          )}
          <Text size="sm" c="dimmed" mt={10} className={classes.facts} component="div">
            {facts}
          </Text>
        </div>
        {!phone && actions}
      </header>
      {phone && actions}

      {phone && (
        <SegmentedControl
          value={tab}
          onChange={(v) => setTab(v as 'timeline' | 'about')}
          data={[
            { value: 'timeline', label: 'Timeline' },
            { value: 'about', label: `About ${firstName(person.fullName)}` },
          ]}
          fullWidth
          size="md"
        />
      )}

      <div className={classes.columns}>
        {(!phone || tab === 'timeline') && (
          <section aria-label="Timeline" className={classes.main}>
            {!phone && (
              <Title order={2} fz={17} mb="md">
                Timeline
              </Title>
            )}
            <Timeline person={person} />
          </section>
        )}
        {(!phone || tab === 'about') && (
          <aside aria-label={`About ${person.fullName}`} className={classes.side}>
            <Stack gap="lg">
              {!person.deletedAt && <KeepInTouchPanel person={person} />}
              <MetAt personId={person.id} />
              <AboutPanel person={person} />
              <PersonNetwork person={person} />
              {!person.deletedAt &&
                (person.circle === 'none' || person.circle === 'loose') &&
                person.keepInTouch.strength < 40 && (
                  <WarmPaths
                    to={`person:${person.id}`}
                    title={`How can I reach ${person.givenName ?? person.fullName}?`}
                    onlyIntroductions
                    hideWhenEmpty
                  />
                )}
            </Stack>
          </aside>
        )}
      </div>

      <Modal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={<Text fw={650}>Move {person.fullName} to the trash?</Text>}
        size="md"
      >
        <Text size="sm" c="dimmed">
          Their timeline and everything you know stays with them. You can restore {firstName(person.fullName)} from the
          trash at any time.
        </Text>
        <Group justify="flex-end" mt="lg" gap="sm">
          <Button variant="default" onClick={() => setConfirmDelete(false)}>
            Keep
          </Button>
          <Button color="red" onClick={remove} loading={deleting} data-autofocus>
            Move to trash
          </Button>
        </Group>
      </Modal>

      {editMounted && (
        <Suspense fallback={null}>
          <EditPersonModal person={person} opened={editOpen} onClose={() => setEditOpen(false)} />
        </Suspense>
      )}
    </Stack>
  );
}

function PersonSkeleton() {
  return (
    <Stack gap="xl" aria-busy="true" aria-label="Loading">
      <Group gap="lg" wrap="nowrap">
        <Skeleton circle height={84} />
        <div style={{ flex: 1 }}>
          <Skeleton height={28} width={260} mb={12} />
          <Skeleton height={14} width={200} mb={8} />
          <Skeleton height={12} width={320} />
        </div>
      </Group>
      <Group align="flex-start" gap={32} wrap="nowrap">
        <Stack style={{ flex: 1 }} gap="lg">
          <Skeleton height={60} />
          <Skeleton height={60} />
          <Skeleton height={60} />
        </Stack>
        <Stack w={340} gap="md" visibleFrom="sm">
          <Skeleton height={110} radius="lg" />
          <Skeleton height={150} radius="lg" />
        </Stack>
      </Group>
    </Stack>
  );
}

function dueText(nextDueOn: string): string {
  const days = daysFrom(new Date().toISOString().slice(0, 10), nextDueOn);
  return days < 0 ? `${-days} days overdue` : `Due ${inDays(days)}`;
}
