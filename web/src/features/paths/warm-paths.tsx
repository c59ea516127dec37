import { Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { WarmPath } from '../../../../src/contract/paths.js';
import { PersonAvatar } from '../../components/person-avatar';
import { api } from '../../lib/api';

/** The score in words (the same bands as the CLI: src/domain/intro-paths.ts scoreWords). */
export function warmth(score: number): { label: string; color: string } {
  if (score >= 0.6) return { label: 'very warm', color: 'orange' };
  if (score >= 0.35) return { label: 'warm', color: 'yellow' };
  if (score >= 0.15) return { label: 'lukewarm', color: 'gray' };
  return { label: 'cold', color: 'blue' };
}

export interface WarmPathsProps {
  /** "org:Stripe", "person:<id>", "role:…", "topic:…" (bare text is an organisation). */
  to: string;
  k?: number;
  maxHops?: number;
  title?: string;
  /** Leave out "you know them yourself": for a person page, where that is already obvious. */
  onlyIntroductions?: boolean;
  /** Render nothing (rather than an empty note) when there is no path. */
  hideWhenEmpty?: boolean;
}

function PathRow({ path }: { path: WarmPath }) {
  const w = warmth(path.score);
  return (
    <li style={{ listStyle: 'none' }} data-testid="warm-path">
      <Group gap={6} wrap="wrap" align="center">
        <Text size="sm" c="dimmed" fw={600}>
          You
        </Text>
        {path.hops.map((h) => (
          <Fragment key={h.person.id}>
            <IconArrowRight size={14} aria-hidden style={{ opacity: 0.6 }} />
            <Link
              to={`/people/${h.person.id}`}
              className="tend-link-plain"
              title={h.via.label}
              style={{ display: 'inline-flex', alignItems: 'center', gap: 6, minHeight: 32 }}
            >
              <PersonAvatar person={h.person} size={26} />
              <Text size="sm" fw={600} component="span">
                {h.person.fullName}
              </Text>
            </Link>
          </Fragment>
        ))}
        <Badge size="sm" variant="light" color={w.color} ml="auto" title={`Score ${path.score.toFixed(2)}`}>
          {w.label}
        </Badge>
      </Group>
      <Text size="sm" mt={4}>
        {path.explanation}
      </Text>
    </li>
  );
}

/** "Find a way in": the warmest introduction paths to a target, best first, each with whom to ask and why. */
export function WarmPaths({
  to,
  k = 3,
  maxHops = 3,
  title = 'Find a way in',
  onlyIntroductions = false,
  hideWhenEmpty = false,
}: WarmPathsProps) {
  const want = onlyIntroductions ? k + 1 : k;
  const q = useQuery({
    queryKey: ['paths', to, want, maxHops],
    queryFn: () => api.findPaths({ query: { to, k: want, maxHops } }),
    staleTime: 60_000,
  });
  const paths = (q.data?.paths ?? []).filter((p) => !onlyIntroductions || p.hops.length > 1).slice(0, k);
  if (hideWhenEmpty && !q.isPending && paths.length === 0) return null;
  return (
    <section className="tend-card" style={{ padding: '16px 18px' }} aria-label={title} data-testid="warm-paths">
      <Text size="sm" fw={600} mb={8}>
        {title}
      </Text>
      {q.isPending ? (
        <Stack gap={10} aria-busy="true" aria-label="Loading">
          <Skeleton height={26} width="80%" />
          <Skeleton height={12} width="95%" />
        </Stack>
      ) : q.isError ? (
        <Text size="sm" c="red">
          Could not find paths: {q.error instanceof Error ? q.error.message : 'try again'}
        </Text>
      ) : paths.length === 0 ? (
        <Text size="sm" c="dimmed">
          {q.data?.target.matchedPeople === 0
            ? `Nobody in your network matches ${q.data.target.label}.`
            : 'No introduction path yet. Record who knows whom on the people you know, and paths appear here.'}
        </Text>
      ) : (
        <Stack gap={14} component="ol" p={0} m={0}>
          {paths.map((p) => (
            <PathRow key={p.hops.map((h) => h.person.id).join('>')} path={p} />
          ))}
        </Stack>
      )}
    </section>
  );
}
