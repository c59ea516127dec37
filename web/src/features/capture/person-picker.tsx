import { Combobox, Group, Pill, PillsInput, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PersonRef } from '../../app/capture-context';
import { PersonAvatar } from '../../components/person-avatar';
import { api } from '../../lib/api';
import { roleLine } from '../../lib/labels';

interface PersonPickerProps {
  label: string;
  value: PersonRef[];
  onChange: (value: PersonRef[]) => void;
  error?: React.ReactNode;
  description?: string;
  autoFocus?: boolean;
}

/** Several people, found by typing any part of their name, role or organisation. */
export function PersonPicker({ label, value, onChange, error, description, autoFocus }: PersonPickerProps) {
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
    onDropdownOpen: () => combobox.updateSelectedOptionIndex('active'),
  });
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 150);

  const results = useQuery({
    queryKey: ['people', 'picker', q],
    queryFn: () => api.listPeople({ query: { q: q || undefined, sort: q ? 'name' : '-lastContact', limit: 8 } }),
    staleTime: 10_000,
  });

  const chosen = new Set(value.map((p) => p.id));
  const options = (results.data?.items ?? []).filter((p) => !chosen.has(p.id));

  const add = (id: string) => {
    const person = results.data?.items.find((p) => p.id === id);
    if (!person) return;
    onChange([...value, { id: person.id, fullName: person.fullName, photoUrl: person.photoUrl }]);
    setSearch('');
  };
  const remove = (id: string) => onChange(value.filter((p) => p.id !== id));

  return (
    <Combobox store={combobox} onOptionSubmit={add} withinPortal>
      <Combobox.DropdownTarget>
        <PillsInput
          label={label}
          description={description}
          error={error}
          onClick={() => combobox.openDropdown()}
          size="md"
        >
          <Pill.Group>
            {value.map((p) => (
              <Pill
                key={p.id}
                withRemoveButton
                onRemove={() => remove(p.id)}
                removeButtonProps={{ 'aria-label': `Remove ${p.fullName}` }}
              >
                {p.fullName}
              </Pill>
            ))}
            <Combobox.EventsTarget>
              <PillsInput.Field
                value={search}
                data-autofocus={autoFocus ? true : undefined}
                placeholder={value.length ? 'Add someone else' : 'Search people by name'}
                aria-label={`${label}: search people`}
                onFocus={() => combobox.openDropdown()}
                onBlur={() => combobox.closeDropdown()}
                onChange={(e) => {
                  combobox.updateSelectedOptionIndex();
                  setSearch(e.currentTarget.value);
                  combobox.openDropdown();
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Backspace' && search.length === 0 && value.length > 0) {
                    e.preventDefault();
                    const lastPerson = value[value.length - 1];
                    if (lastPerson) remove(lastPerson.id);
                  }
                }}
              />
            </Combobox.EventsTarget>
          </Pill.Group>
        </PillsInput>
      </Combobox.DropdownTarget>

      <Combobox.Dropdown>
        <Combobox.Options>
          {options.length === 0 ? (
            <Combobox.Empty>{results.isFetching ? 'Searching…' : 'Nobody found'}</Combobox.Empty>
          ) : (
            options.map((p) => (
              <Combobox.Option value={p.id} key={p.id}>
                <Group gap="sm" wrap="nowrap">
                  <PersonAvatar person={p} size={28} />
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} truncate>
                      {p.fullName}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {roleLine(p.roleTitle, p.organisation) ?? p.headline ?? ''}
                    </Text>
                  </div>
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
