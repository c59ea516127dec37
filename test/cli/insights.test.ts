import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInsight, CoolingInsight } from '../../src/contract/insights.js';
import { DIALECTS } from '../support/db.js';
import { type Cli, openCli } from './harness.js';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

describe.each(DIALECTS)('tend insights (%s)', (dialect) => {
  let cli: Cli;
  beforeAll(async () => {
    cli = await openCli(dialect);
    const ana = await cli.client.createPerson({ body: { fullName: 'Ana Ruiz', circle: 'inner' } });
    const raj = await cli.client.createPerson({ body: { fullName: 'Raj Patel', circle: 'close' } });
    await cli.client.createInteraction({
      body: { kind: 'coffee', summary: 'Coffee', participantIds: [ana.id], occurredAt: daysAgo(60) },
    });
    await cli.client.createInteraction({
      body: { kind: 'email', summary: 'Email', participantIds: [raj.id], occurredAt: daysAgo(3) },
    });
    await cli.client.createInteraction({
      body: { kind: 'video_call', summary: 'Call', participantIds: [raj.id], occurredAt: daysAgo(10) },
    });
  });
  afterAll(() => cli?.close());

  it('prints one takeaway per insight', async () => {
    const r = await cli.run('insights');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Insights  in the last 6 months');
    expect(r.stdout).toMatch(/Network growth\s+Your network grew by 2 people in the last 6 months/);
    expect(r.stdout).toMatch(/Channel mix\s+67% of your interactions were online/);
    expect(r.stdout).toMatch(/Cooling relationships\s+One close relationship is cooling: Ana/);
    expect(r.stdout).toMatch(/Give and ask\s+—/);
  });

  it('prints one insight as a table with bars, or as JSON', async () => {
    const r = await cli.run('insights', 'channels', '--months', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Channel mix  in the last 3 months');
    expect(r.stdout).toMatch(/KIND\s+TOTAL\s+ONLINE\s+IN PERSON/);
    expect(r.stdout).toMatch(/video call\s+1\s+1\s+0\s+█+/);
    const json = await cli.json<ChannelInsight>('insights', 'channels', '--json');
    expect({ total: json.total, online: json.online, inPerson: json.inPerson }).toEqual({
      total: 3,
      online: 2,
      inPerson: 1,
    });
    const cooling = await cli.json<CoolingInsight>('insights', 'cooling', '--json', '--limit', '5');
    expect(cooling.items.map((i) => i.person.fullName)).toEqual(['Ana Ruiz']);
    const table = await cli.run('insights', 'cooling');
    expect(table.stdout).toMatch(/Ana Ruiz\s+inner\s+\d+\s+\d+ days past due, last contact 60 days ago/);
    const all = await cli.json<Record<string, unknown>>('insights', '--json');
    expect(Object.keys(all)).toEqual([
      'growth',
      'weekly',
      'channels',
      'strength',
      'cooling',
      'give-ask',
      'opportunities',
    ]);
  });

  it('says what an empty insight needs, and refuses bad options with the allowed values', async () => {
    const empty = await cli.run('insights', 'give-ask');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No gives or asks marked');
    const months = await cli.run('insights', 'growth', '--months', '30');
    expect(months.code).toBe(2);
    expect(months.stderr).toContain('Give a whole number from 1 to 24');
    const which = await cli.run('insights', 'growht');
    expect(which.code).not.toBe(0);
    expect(which.stderr).toContain('Did you mean growth?');
  });
});
