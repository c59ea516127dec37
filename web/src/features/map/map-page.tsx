import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Drawer,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Skeleton,
  Slider,
  Stack,
  Text,
  useComputedColorScheme,
  useMantineTheme,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconAdjustmentsHorizontal,
  IconFocusCentered,
  IconMinus,
  IconPlus,
  IconRoute,
  IconSearch,
  IconUsers,
} from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Circle } from '../../../../src/contract/common.js';
import type { GraphPerson, NetworkGraph, NetworkGraphQuery } from '../../../../src/contract/network.js';
import type { PathResult } from '../../../../src/contract/paths.js';
import { PageHeader } from '../../components/page-header';
import { api, isApiError } from '../../lib/api';
import { CIRCLES, circleLabel } from '../../lib/labels';
import { useDocumentTitle } from '../../lib/use-document-title';
import { usePhone } from '../../lib/use-media';
import { buildGraph, type ColourBy, pathChain } from './build-graph';
import { GraphView, type HoverInfo, type MapZoom } from './graph-view';
import classes from './map.module.css';
import { clusterColour, mapPalette } from './palette';
import { PathPanel } from './path-panel';
import { OrganisationCard, oneLine, PersonCard } from './person-card';

interface Filters {
  circle: Circle | null;
  tag: string | null;
  organisationId: string | null;
  minStrength: number;
}

const NO_FILTERS: Filters = { circle: null, tag: null, organisationId: null, minStrength: 0 };

function toQuery(f: Filters): NetworkGraphQuery {
  return {
    ...(f.circle ? { circle: f.circle } : {}),
    ...(f.tag ? { tag: f.tag } : {}),
    ...(f.organisationId ? { organisationId: f.organisationId } : {}),
    ...(f.minStrength > 0 ? { minStrength: f.minStrength } : {}),
  };
}

/** "Stripe" means the organisation; "person:…", "role:…" and "topic:…" pass through. */
export function pathTarget(input: string): string {
  const t = input.trim();
  return /^(person|org|role|topic):/i.test(t) ? t : `org:${t}`;
}

export default function MapPage() {
  useDocumentTitle('Map');
  const phone = usePhone();
  const theme = useMantineTheme();
  const scheme = useComputedColorScheme('light');
  const palette = useMemo(() => mapPalette(theme, scheme), [theme, scheme]);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [colourBy, setColourBy] = useState<ColourBy>('organisation');
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ node: string } | null>(null);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const [drawer, setDrawer] = useState(false);
  const [wayIn, setWayIn] = useState('');
  const [chosen, setChosen] = useState(0);

  const graphQuery = useQuery({
    queryKey: ['network-graph', filters],
    queryFn: () => api.networkGraph({ query: toQuery(filters) }),
    placeholderData: keepPreviousData,
  });
  const data = graphQuery.data;
  const built = useMemo(() => (data ? buildGraph(data) : null), [data]);
  const byId = useMemo(() => {
    const m = new Map<string, GraphPerson>();
    for (const p of data?.people ?? []) m.set(p.id, p);
    return m;
  }, [data]);

  const paths = useMutation({
    mutationFn: (to: string) => api.findPaths({ query: { to, k: 3 } }),
    onSuccess: () => setChosen(0),
  });
  const pathResult: PathResult | undefined = paths.data;
  const highlight = useMemo(() => (pathResult ? pathChain(pathResult, chosen) : null), [pathResult, chosen]);

  const findWayIn = (to: string) => {
    setSelected(null);
    paths.mutate(to);
  };
  const onSubmitWayIn = (e: FormEvent) => {
    e.preventDefault();
    if (wayIn.trim()) findWayIn(pathTarget(wayIn));
  };

  const selectedPerson = selected ? byId.get(selected) : undefined;
  const selectedOrg = selected ? data?.organisations.find((o) => o.id === selected) : undefined;
  const hovered = hover ? (byId.get(hover.node) ?? data?.organisations.find((o) => o.id === hover.node)) : undefined;
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  const filtersForm = (
    <FilterFields filters={filters} onChange={setFilters} organisations={data?.organisations ?? []} />
  );

  if (graphQuery.isError) {
    return (
      <Stack gap={0}>
        <PageHeader title="Map" />
        <Alert color="red" variant="light">
          Could not load the map: {graphQuery.error.message}
        </Alert>
      </Stack>
    );
  }

  if (data && data.people.length === 0 && !filtered) return <EmptyMap kind="people" />;

  return (
    <Stack gap={0}>
      <PageHeader title="Map" subtitle={phone ? undefined : 'Who you know, where they work, and who knows whom.'} />

      <Group gap="sm" mb="sm" align="flex-end" wrap={phone ? 'wrap' : 'nowrap'}>
        <form onSubmit={onSubmitWayIn} style={{ flex: 2, minWidth: phone ? '100%' : 280 }}>
          <Group gap={6} wrap="nowrap" align="flex-end">
            <Autocomplete
              style={{ flex: 1 }}
              label="Find a way in"
              placeholder="An organisation, e.g. Stripe — or person:, role:, topic:"
              leftSection={<IconRoute size={16} stroke={1.7} />}
              value={wayIn}
              onChange={setWayIn}
              data={orgSuggestions(data, wayIn)}
              limit={8}
              onOptionSubmit={(v) => findWayIn(pathTarget(v))}
              aria-describedby="way-in-hint"
            />
            <Button type="submit" loading={paths.isPending} disabled={!wayIn.trim()}>
              Find
            </Button>
          </Group>
        </form>
        <Select
          style={{ flex: 1, minWidth: phone ? 0 : 200 }}
          label="Find a person"
          placeholder="Name"
          searchable
          clearable
          limit={8}
          leftSection={<IconSearch size={16} stroke={1.7} />}
          data={(data?.people ?? []).map((p) => ({ value: p.id, label: p.label }))}
          value={null}
          onChange={(id) => {
            if (!id) return;
            setSelected(id);
            setFocus({ node: id });
          }}
          nothingFoundMessage="Not on the map"
        />
        {phone && (
          <Button
            variant="default"
            leftSection={<IconAdjustmentsHorizontal size={17} />}
            onClick={() => setDrawer(true)}
            aria-label={filtered ? 'Filters (some set)' : 'Filters'}
          >
            Filters{filtered ? ' •' : ''}
          </Button>
        )}
        {!phone && (
          <SegmentedControl
            aria-label="Colour by"
            value={colourBy}
            onChange={(v) => setColourBy(v as ColourBy)}
            data={[
              { value: 'organisation', label: 'Organisation' },
              { value: 'tag', label: 'Tag' },
            ]}
          />
        )}
      </Group>
      {!phone && <div style={{ marginBottom: 12 }}>{filtersForm}</div>}

      {data && data.totals.connections === 0 && data.people.length > 0 && <NoConnections />}

      <div className={classes.layout}>
        <div className={classes.stage}>
          {built && data ? (
            <>
              <GraphView
                graph={built.graph}
                palette={palette}
                colourBy={colourBy}
                highlight={highlight}
                selected={selected}
                focus={focus}
                onSelect={setSelected}
                onHover={setHover}
                fontFamily={theme.fontFamily ?? 'system-ui'}
              />
              <div className={classes.status} data-testid="map-status">
                <IconUsers size={14} />
                {statusLine(data)}
                {graphQuery.isFetching && <Loader size={12} />}
              </div>
              {hover && hovered && (
                <div className={classes.tooltip} style={{ left: hover.x, top: hover.y }} role="tooltip">
                  <Text size="sm" fw={650}>
                    {hovered.label}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {'strength' in hovered
                      ? oneLine(hovered)
                      : `Organisation · ${hovered.members.toLocaleString()} people`}
                  </Text>
                </div>
              )}
              <ZoomControls />
            </>
          ) : (
            <Skeleton height="100%" radius="lg" aria-label="Loading the map" />
          )}
        </div>

        <aside className={classes.side} aria-label="Map details">
          {paths.isError && (
            <Alert color={isApiError(paths.error) && paths.error.status < 500 ? 'yellow' : 'red'} variant="light">
              {paths.error.message}
            </Alert>
          )}
          {pathResult && <PathPanel result={pathResult} chosen={chosen} onChoose={setChosen} />}
          {pathResult && (
            <Button variant="subtle" size="xs" color="gray" onClick={() => paths.reset()}>
              Clear the path
            </Button>
          )}
          {selectedPerson && (
            <PersonCard person={selectedPerson} onClose={() => setSelected(null)} onPath={findWayIn} />
          )}
          {selectedOrg && <OrganisationCard org={selectedOrg} onClose={() => setSelected(null)} onPath={findWayIn} />}
          {built && (
            <Legend
              clusters={built.clusters[colourBy]}
              palette={palette}
              colourBy={colourBy}
              onColourBy={phone ? setColourBy : undefined}
            />
          )}
        </aside>
      </div>

      <Drawer opened={drawer} onClose={() => setDrawer(false)} title="Filter the map" position="bottom" size="auto">
        <Stack gap="md" pb="md">
          {filtersForm}
          <Button onClick={() => setDrawer(false)}>
            Show {data ? data.people.length.toLocaleString() : ''} people
          </Button>
        </Stack>
      </Drawer>
    </Stack>
  );
}

function orgSuggestions(data: NetworkGraph | undefined, typed: string): string[] {
  const names = (data?.organisations ?? []).map((o) => o.label);
  const unique = [...new Set(names)];
  const t = typed.trim().toLowerCase();
  if (!t) return unique.slice(0, 8);
  return unique.filter((n) => n.toLowerCase().includes(t)).slice(0, 8);
}

function statusLine(g: NetworkGraph): string {
  const n = g.people.length.toLocaleString();
  if (g.truncated) return `The ${n} strongest of ${g.totals.people.toLocaleString()} people`;
  return `${n} ${g.people.length === 1 ? 'person' : 'people'} · ${g.organisations.length.toLocaleString()} organisations`;
}

function FilterFields({
  filters,
  onChange,
  organisations,
}: {
  filters: Filters;
  onChange(f: Filters): void;
  organisations: NetworkGraph['organisations'];
}) {
  const phone = usePhone();
  const tags = useQuery({ queryKey: ['tags'], queryFn: () => api.listTags({}) });
  const [orgSearch, setOrgSearch] = useState('');
  const [q] = useDebouncedValue(orgSearch.trim(), 150);
  const orgs = useQuery({
    queryKey: ['organisations', 'map-filter', q],
    queryFn: () => api.listOrganisations({ query: { ...(q ? { q } : {}), limit: 30 } }),
  });
  const orgOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const o of organisations.slice(0, 30)) m.set(o.id, o.label);
    for (const o of orgs.data?.items ?? []) m.set(o.id, o.name);
    return [...m.entries()].map(([value, label]) => ({ value, label }));
  }, [organisations, orgs.data]);
  const [strength, setStrength] = useState(filters.minStrength);
  return (
    <Group gap="md" align="flex-end" wrap={phone ? 'wrap' : 'nowrap'} data-testid="map-filters">
      <Select
        label="Circle"
        placeholder="All circles"
        clearable
        data={CIRCLES.map((c) => ({ value: c, label: circleLabel[c] }))}
        value={filters.circle}
        onChange={(v) => onChange({ ...filters, circle: v as Circle | null })}
        style={{ flex: 1, minWidth: phone ? '100%' : 130 }}
      />
      <Select
        label="Tag"
        placeholder="All tags"
        clearable
        searchable
        data={(tags.data?.items ?? []).map((t) => t.name)}
        value={filters.tag}
        onChange={(v) => onChange({ ...filters, tag: v })}
        style={{ flex: 1, minWidth: phone ? '100%' : 130 }}
      />
      <Select
        label="Organisation"
        placeholder="All organisations"
        clearable
        searchable
        searchValue={orgSearch}
        onSearchChange={setOrgSearch}
        data={orgOptions}
        value={filters.organisationId}
        onChange={(v) => onChange({ ...filters, organisationId: v })}
        style={{ flex: 1.3, minWidth: phone ? '100%' : 170 }}
        nothingFoundMessage="No such organisation"
      />
      <div style={{ flex: 1.2, minWidth: phone ? '100%' : 170, paddingBottom: 8 }}>
        <Text size="sm" fw={500} mb={6} id="min-strength-label">
          Strength at least {strength}
        </Text>
        <Slider
          aria-labelledby="min-strength-label"
          min={0}
          max={100}
          step={5}
          value={strength}
          onChange={setStrength}
          onChangeEnd={(v) => onChange({ ...filters, minStrength: v })}
          label={null}
        />
      </div>
    </Group>
  );
}

function Legend({
  clusters,
  palette,
  colourBy,
  onColourBy,
}: {
  clusters: ReturnType<typeof buildGraph>['clusters'][ColourBy];
  palette: ReturnType<typeof mapPalette>;
  colourBy: ColourBy;
  onColourBy?: (v: ColourBy) => void;
}) {
  const LEGEND = 8;
  const coloured = clusters.filter((c) => c.colour >= 0).slice(0, LEGEND);
  const shown = new Set(coloured.map((c) => c.key));
  const others = clusters.filter((c) => !shown.has(c.key));
  const rest = others.reduce((n, c) => n + c.count, 0);
  return (
    <div className={`tend-card ${classes.panel}`} data-testid="map-legend">
      <Group justify="space-between" mb="xs">
        <Text fw={650} size="sm">
          {colourBy === 'organisation' ? 'Organisations' : 'Tags'}
        </Text>
        {onColourBy && (
          <SegmentedControl
            size="xs"
            value={colourBy}
            onChange={(v) => onColourBy(v as ColourBy)}
            data={[
              { value: 'organisation', label: 'Organisation' },
              { value: 'tag', label: 'Tag' },
            ]}
          />
        )}
      </Group>
      <Stack gap={6}>
        {coloured.map((c) => (
          <div key={c.key} className={classes.legendRow}>
            <span className={classes.swatch} style={{ background: clusterColour(palette, c.colour) }} />
            <span className={classes.legendLabel}>{c.label}</span>
            <Text span size="xs" c="dimmed">
              {c.count.toLocaleString()}
            </Text>
          </div>
        ))}
        {rest > 0 && (
          <div className={classes.legendRow}>
            <span className={classes.swatch} style={{ background: palette.other }} />
            <span className={classes.legendLabel}>
              {others.length === 1 ? (others[0]?.label ?? 'Everyone else') : `${others.length.toLocaleString()} more`}
            </span>
            <Text span size="xs" c="dimmed">
              {rest.toLocaleString()}
            </Text>
          </div>
        )}
      </Stack>
      <Text size="xs" c="dimmed" mt="sm" lh={1.45}>
        A bigger dot is a stronger relationship. Dark dots are organisations; the green one is you. Click anyone for
        details.
      </Text>
    </div>
  );
}

function ZoomControls() {
  const zoom = (detail: MapZoom) => window.dispatchEvent(new CustomEvent('tend:map-zoom', { detail }));
  return (
    <div className={classes.zoom}>
      <ActionIcon aria-label="Zoom in" onClick={() => zoom('in')}>
        <IconPlus size={16} />
      </ActionIcon>
      <ActionIcon aria-label="Zoom out" onClick={() => zoom('out')}>
        <IconMinus size={16} />
      </ActionIcon>
      <ActionIcon aria-label="Fit the whole map" onClick={() => zoom('fit')}>
        <IconFocusCentered size={16} />
      </ActionIcon>
    </div>
  );
}

function NoConnections() {
  return (
    <Alert variant="light" color="sage" mb="sm" radius="lg" title="No one is connected to anyone yet">
      The map groups people by organisation. Lines appear as you record who knows whom: add a connection on a person's
      page, make an introduction, or run <code>tend connect "Ana" "Raj" --kind worked-with</code>.
    </Alert>
  );
}

function EmptyMap({ kind }: { kind: 'people' }) {
  return (
    <Stack gap={0} data-testid="map-empty" data-kind={kind}>
      <PageHeader title="Map" subtitle="Who you know, where they work, and who knows whom." />
      <div className="tend-card" style={{ padding: '40px 24px', textAlign: 'center' }}>
        <Text fw={650} size="lg">
          Your map is empty
        </Text>
        <Text c="dimmed" mt={6} maw={560} mx="auto">
          The map draws the people you know, grouped by where they work, with a line between two people when you record
          that they know each other (a connection on a person's page, or an introduction you made). Import your LinkedIn
          connections or add a few people to begin.
        </Text>
        <Group justify="center" mt="lg">
          <Button component={Link} to="/import">
            Import contacts
          </Button>
          <Button component={Link} to="/people" variant="default">
            Go to People
          </Button>
        </Group>
      </div>
    </Stack>
  );
}
