import { describe, expect, it } from 'vitest';
import { sharedRead } from './change-stamp.js';

/*
 * PostgreSQL's change stamp is read once for every request that asks in the same turn of the
 * event loop, and only by a read that goes out after each of them asked (src/storage/change-stamp.ts).
 */
describe('shared stamp reads', () => {
  it('serves every caller of one turn with one read, issued after they all asked', async () => {
    const log: string[] = [];
    let n = 0;
    const read = sharedRead(async () => {
      log.push('read');
      return `stamp ${++n}`;
    });
    const asks = [read(), read(), read()];
    log.push('asked');
    expect(await Promise.all(asks)).toEqual(['stamp 1', 'stamp 1', 'stamp 1']);
    expect(log).toEqual(['asked', 'read']);
  });

  it('gives a caller that asks after the read went out a read of its own', async () => {
    let n = 0;
    let release: () => void = () => {};
    const read = sharedRead(async () => {
      const mine = ++n;
      // The first read is slow: a caller arriving while it is on the wire must not share it.
      if (mine === 1) await new Promise<void>((r) => (release = r));
      return `stamp ${mine}`;
    });
    const first = read();
    await new Promise((r) => setImmediate(r)); // the first read is out now
    const second = read();
    release();
    expect(await first).toBe('stamp 1');
    expect(await second).toBe('stamp 2');
  });

  it('passes a failed read to each of its callers, and reads again after', async () => {
    let fail = true;
    const read = sharedRead(async () => {
      if (fail) throw new Error('connection lost');
      return 'stamp';
    });
    const asks = [read(), read()];
    await expect(asks[0]).rejects.toThrow('connection lost');
    await expect(asks[1]).rejects.toThrow('connection lost');
    fail = false;
    expect(await read()).toBe('stamp');
  });
});
