import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { hasTool } from '../support/tools.js';

/*
 * A real CardDAV client against a listening Tend: Debian's vdirsyncer
 * discovers the address book from the server root (/.well-known/carddav),
 * syncs it both ways with a local vdir, and khard lists the result.
 */

/** Runs a tool without blocking the event loop: the server answering it lives in this process. */
function run(cmd: string, args: string[], env: Record<string, string>, input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out}\n${err}`));
    });
    child.stdin.end(input);
  });
}

describe.each(DIALECTS)('CardDAV with vdirsyncer and khard on %s', (dialect) => {
  let t: TestApp;
  let dir: string;
  let env: Record<string, string>;
  let ana: string;
  let tools = false;

  beforeAll(async () => {
    tools = hasTool('vdirsyncer', 'vdirsyncer', ['--version']) && hasTool('khard', 'khard', ['--version']);
    t = await openTestApp(dialect);
    if (!tools) return;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-carddav-'));
    fs.writeFileSync(
      path.join(dir, 'vdirsyncer.conf'),
      `[general]
status_path = "${dir}/status/"

[pair tend]
a = "tend_remote"
b = "tend_local"
collections = ["from a"]
conflict_resolution = "a wins"

[storage tend_remote]
type = "carddav"
url = "http://127.0.0.1:${port}/"
username = "me@example.com"
password = "${t.owner.token}"

[storage tend_local]
type = "filesystem"
path = "${dir}/contacts/"
fileext = ".vcf"
`,
    );
    env = { VDIRSYNCER_CONFIG: path.join(dir, 'vdirsyncer.conf'), HOME: dir };
    const a = await t.client.createPerson({
      body: buildPerson({
        fullName: 'Ana Ruiz',
        circle: 'inner',
        cadenceDays: 14,
        notes: 'Prefers mornings',
        emails: [{ value: 'ana@example.com' }],
      }),
    });
    ana = a.id;
  });
  afterAll(async () => {
    await t.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const vdirFiles = () => {
    const root = path.join(dir, 'contacts');
    const [collection] = fs.readdirSync(root);
    const cdir = path.join(root, collection ?? '');
    const files = fs.readdirSync(cdir).filter((f) => f.endsWith('.vcf'));
    const texts = files.map((f) => fs.readFileSync(path.join(cdir, f), 'utf8'));
    /** The vdir file holding a person's card (vdirsyncer picks its own file names). */
    const fileOf = (id: string) => {
      const i = texts.findIndex((x) => x.includes(`X-TEND-ID:${id}`));
      return i === -1 ? null : path.join(cdir, files[i] ?? '');
    };
    return { cdir, files, texts, fileOf };
  };

  it('discovers the address book and copies Tend’s people into the vdir', async (ctx) => {
    if (!tools) return ctx.skip();
    await run('vdirsyncer', ['discover', 'tend'], env, 'y\ny\n');
    await run('vdirsyncer', ['sync'], env);
    const { files, texts } = vdirFiles();
    expect(files).toHaveLength(1);
    expect(texts[0]).toContain('FN:Ana Ruiz');
    expect(texts[0]).toContain(`X-TEND-ID:${ana}`);
  });

  it('an edit and a new card in the vdir come back into Tend, Tend-only fields kept; khard lists them', async (ctx) => {
    if (!tools) return ctx.skip();
    const { cdir, fileOf } = vdirFiles();
    const file = fileOf(ana) ?? '';
    const edited = fs
      .readFileSync(file, 'utf8')
      .replace(/^FN:.*$/m, 'FN:Ana Ruiz-Lopes')
      .replace(/^N:.*$/m, 'N:Ruiz-Lopes;Ana;;;')
      .replace(/^END:VCARD/m, 'TEL;TYPE=CELL:+351 912 345 678\r\nEND:VCARD');
    fs.writeFileSync(file, edited);
    fs.writeFileSync(
      path.join(cdir, 'bruno-uid.vcf'),
      'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bruno-uid\r\nFN:Bruno Costa\r\nN:Costa;Bruno;;;\r\nEMAIL;TYPE=WORK:bruno@example.com\r\nEND:VCARD\r\n',
    );
    await run('vdirsyncer', ['sync'], env);

    const anaNow = await t.client.getPerson({ params: { id: ana } });
    expect(anaNow.fullName).toBe('Ana Ruiz-Lopes');
    expect(anaNow.phones.map((p) => p.value)).toContain('+351 912 345 678');
    expect(anaNow.familyName).toBe('Ruiz-Lopes');
    expect(anaNow.circle).toBe('inner');
    expect(anaNow.cadenceDays).toBe(14);
    expect(anaNow.notes).toBe('Prefers mornings');
    const list = await t.client.listPeople({ query: { q: 'Bruno' } });
    expect(list.items.map((p) => p.fullName)).toEqual(['Bruno Costa']);

    // A second sync settles: Tend's rewritten cards come down, nothing is duplicated.
    await run('vdirsyncer', ['sync'], env);
    const after = vdirFiles();
    expect(after.files).toHaveLength(2);
    expect(after.texts.filter((x) => x.includes('FN:Bruno Costa'))).toHaveLength(1);
    expect(after.fileOf(ana)).not.toBeNull();
    const all = await t.client.listPeople({ query: {} });
    expect(all.items).toHaveLength(2);

    fs.writeFileSync(
      path.join(dir, 'khard.conf'),
      `[addressbooks]\n[[tend]]\npath = ${cdir}/\n\n[general]\ndebug = no\ndefault_action = list\neditor = /bin/true\nmerge_editor = /bin/true\n\n[contact table]\ndisplay = first_name\n`,
    );
    const out = await run('khard', ['-c', path.join(dir, 'khard.conf'), 'list'], env);
    expect(out).toContain('Ana');
    expect(out).toContain('Ruiz-Lopes');
    expect(out).toContain('Bruno');
  });

  it('a person created in Tend appears in the vdir on the next sync', async (ctx) => {
    if (!tools) return ctx.skip();
    const carla = await t.client.createPerson({ body: buildPerson({ fullName: 'Carla Mendes' }) });
    await run('vdirsyncer', ['sync'], env);
    expect(vdirFiles().fileOf(carla.id)).not.toBeNull();
    expect(vdirFiles().files).toHaveLength(3);
  });
});
