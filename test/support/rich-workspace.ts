import type { Client } from '../../src/contract/client.js';

/**
 * Fills a workspace through the API with one of everything a backup must
 * carry: people with every kind of value, an organisation, tags, topics,
 * learnings, dates, interactions with several participants, follow-ups,
 * achievements, a trashed person and changed settings.
 */
export async function fillWorkspace(client: Client, seed = 'x') {
  await client.updateSettings({ body: { cadences: { inner: 10, close: 21, wider: 60, loose: 120 } } });
  const ana = await client.createPerson({
    body: {
      fullName: `Ana Ruiz ${seed}`,
      givenName: 'Ana',
      familyName: 'Ruiz',
      nickname: 'Anita',
      headline: '=cmd|" /C calc"!A0 builds robots',
      roleTitle: 'CTO',
      organisationName: `Acme ${seed}`,
      location: 'Lisbon, Portugal',
      timeZone: 'Europe/Lisbon',
      photoUrl: 'https://example.com/ana.jpg',
      circle: 'close',
      cadenceDays: 30,
      notes: 'Notes with "quotes", commas, and\nnew lines — and ünïcödé 🎉',
      emails: [
        { value: `ana.${seed}@acme.example`, label: 'work', primary: true },
        { value: `ana.${seed}@home.example`, label: 'Side project' },
      ],
      phones: [{ value: '+351 912 345 678', label: 'mobile', primary: true }],
      links: [{ url: `https://www.linkedin.com/in/ana-${seed}`, label: 'linkedin' }],
      tags: ['investor', 'lisbon'],
      topics: ['robotics', 'tea'],
      purposes: ['mentor'],
      howWeMet: { channel: 'conference', event: 'Web Summit', date: '2024-11-12', context: 'Robotics panel' },
      importantDates: [
        { kind: 'birthday', month: 4, day: 15 },
        { kind: 'work_anniversary', month: 9, day: 1, year: 2019 },
      ],
    },
  });
  const raj = await client.createPerson({
    body: {
      fullName: `Raj Patel ${seed}`,
      circle: 'inner',
      tags: ['investor'],
      emails: [{ value: `raj.${seed}@example.com` }],
      howWeMet: { introducedById: ana.id, channel: 'introduction' },
    },
  });
  const gone = await client.createPerson({ body: { fullName: `Trashed Person ${seed}` } });
  await client.deletePerson({ params: { id: gone.id } });
  await client.createLearning({
    params: { id: ana.id },
    body: { category: 'family', body: 'Has two kids', learnedOn: '2025-01-02' },
  });
  const coffee = await client.createInteraction({
    body: {
      kind: 'coffee',
      summary: 'Coffee at the Time Out market',
      occurredAt: '2025-06-01T10:00:00.000Z',
      durationMinutes: 45,
      participantIds: [ana.id, raj.id],
      notes: 'Talked about robots',
    },
  });
  await client.createFollowUp({ body: { title: 'Send the deck', dueOn: '2026-12-01', personIds: [ana.id, raj.id] } });
  await client.createAchievement({
    params: { id: raj.id },
    body: { kind: 'promotion', title: 'VP Engineering', occurredOn: '2025-03-01', url: 'https://example.com/news' },
  });
  return { ana, raj, gone, coffee };
}
