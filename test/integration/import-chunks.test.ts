import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src/contract/client.js';
import { CHUNK_ROWS } from '../../src/import/engine.js';
import { DIALECTS } from '../support/db.js';
import { type WatchedApp, openWatchedApp } from './helpers.js';

/*
 * An import remembers what it has passed in the database, not in memory
 * (src/import/scratch.ts): these files are longer than one chunk, so a row
 * that refers to an earlier one only finds it there.
 */

async function uploadText(client: Client, source: 'csv' | 'linkedin', files: Record<string, string>) {
  const batch = await client.createImport({
    body: { source, ...(source === 'csv' ? { mapping: { Name: 'fullName', Email: 'email' } as never } : {}) },
  });
  for (const [name, body] of Object.entries(files)) {
    await client.uploadImportFile({ params: { id: batch.id, name }, raw: { contentType: 'text/csv', body } });
  }
  return batch;
}

describe.each(DIALECTS)('imports longer than a chunk on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('skips a row naming someone the file created a chunk earlier, in the preview and when applied', async () => {
    const { client } = await t.createUser();
    const lines = ['Name,Email', 'First Mention,same@example.org'];
    for (let i = 0; i < CHUNK_ROWS; i++) lines.push(`Filler Person ${i},filler${i}@example.org`);
    lines.push('Second Mention,same@example.org');
    const batch = await uploadText(client, 'csv', { 'people.csv': `${lines.join('\n')}\n` });
    const preview = await client.previewImport({ params: { id: batch.id }, body: {} });
    const expected = { rows: CHUNK_ROWS + 2, created: CHUNK_ROWS + 1, skipped: 1 };
    expect(preview.report?.counts).toMatchObject(expected);
    expect(preview.report?.skipped).toEqual([
      { file: 'people.csv', line: CHUNK_ROWS + 3, message: 'same person as line 2' },
    ]);
    const applied = await client.applyImport({ params: { id: batch.id } });
    expect(applied.status).toBe('applied');
    expect(applied.report?.counts).toEqual(preview.report?.counts);
    expect(applied.report?.skipped).toEqual(preview.report?.skipped);
    const found = await client.listPeople({ query: { q: 'same@example.org' } });
    expect(found.items.map((p) => p.fullName)).toEqual(['First Mention']);
  });

  it('adds up a conversation-day whose messages are chunks apart into one interaction', async () => {
    const { client } = await t.createUser();
    const connections =
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n' +
      'Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,Acme,Engineer,15 Mar 2021\n';
    const header =
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER';
    const message = (minute: number) =>
      `c-1,,Ana Ruiz,https://www.linkedin.com/in/ana-ruiz,Me Myself,https://www.linkedin.com/in/me-myself,2024-05-02 10:${String(minute).padStart(2, '0')}:00 UTC,,Hello,INBOX`;
    const lines = [header];
    // The day's earliest message comes last, a chunk after the first ones.
    for (let i = 0; i < CHUNK_ROWS + 1; i++) lines.push(message(30));
    lines.push(message(5));
    const batch = await uploadText(client, 'linkedin', {
      'Connections.csv': connections,
      'messages.csv': `${lines.join('\n')}\n`,
    });
    const preview = await client.previewImport({ params: { id: batch.id }, body: {} });
    expect(preview.report?.counts).toMatchObject({ created: 1, interactions: 1 });
    const applied = await client.applyImport({ params: { id: batch.id } });
    expect(applied.report?.counts).toEqual(preview.report?.counts);
    const [ana] = (await client.listPeople({ query: {} })).items;
    const timeline = await client.listInteractions({ query: { personId: ana?.id as string } });
    expect(timeline.items).toHaveLength(1);
    expect(timeline.items[0]).toMatchObject({
      occurredAt: '2024-05-02T10:05:00.000Z',
      notes: `${CHUNK_ROWS + 2} messages that day (imported from LinkedIn).`,
    });
    // Undo takes the interaction and the person away again.
    await client.undoImport({ params: { id: batch.id } });
    expect((await client.listPeople({ query: {} })).items).toEqual([]);
  });
});
