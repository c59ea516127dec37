import { Autocomplete, type AutocompleteProps, TagsInput, type TagsInputProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api, keys } from '../../lib/api';

/** Organisation by name: suggests the ones you already have, and a new name creates one. */
export function OrganisationInput(props: Omit<AutocompleteProps, 'data'>) {
  const [q] = useDebouncedValue((props.value ?? '').trim(), 200);
  const orgs = useQuery({
    queryKey: keys.organisations(q),
    queryFn: () => api.listOrganisations({ query: { q: q || undefined, limit: 8 } }),
    staleTime: 60_000,
  });
  const names = [...new Set((orgs.data?.items ?? []).map((o) => o.name))];
  return <Autocomplete {...props} data={names} comboboxProps={{ withinPortal: true }} />;
}

/** Tags or topics, suggesting the ones already in use (most used first). */
export function LabelsInput({ source, ...props }: Omit<TagsInputProps, 'data'> & { source: 'tags' | 'topics' }) {
  const labels = useQuery({
    queryKey: source === 'tags' ? keys.tags : keys.topics,
    queryFn: () => (source === 'tags' ? api.listTags({}) : api.listTopics({})),
    staleTime: 60_000,
  });
  const data = [...(labels.data?.items ?? [])].sort((a, b) => b.peopleCount - a.peopleCount).map((l) => l.name);
  return (
    <TagsInput
      {...props}
      data={data}
      clearable
      acceptValueOnBlur
      splitChars={[',']}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={220}
    />
  );
}

/** People paste "linkedin.com/in/ana"; the API wants a full URL. */
export function normaliseUrl(value: string): string {
  const v = value.trim();
  if (!v) return v;
  return /^https?:\/\//i.test(v) ? v : `https://${v}`;
}
