import type { Command } from 'commander';
import { type GlobalFlags, openLocalDb, redactUrl } from '../context.js';
import { CliError } from '../errors.js';
import { plural } from '../format.js';
import type { Runtime } from '../runtime.js';

export async function migrate(rt: Runtime, o: { json?: boolean }, flags: GlobalFlags): Promise<string[]> {
  const config = rt.config(flags);
  if (flags.server) {
    throw new CliError('migrate works on a database, not a server (a server migrates itself at start) — drop --server');
  }
  const db = await openLocalDb(config.databaseUrl);
  let ran: string[];
  try {
    const { migrateToLatest } = await import('../../storage/db.js');
    ran = await migrateToLatest(db);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new CliError(`Cannot migrate ${redactUrl(config.databaseUrl)}: ${message}`);
  } finally {
    await db.close();
  }
  const { out } = rt;
  if (o.json) {
    out.json({ database: redactUrl(config.databaseUrl), applied: ran });
  } else if (ran.length === 0) {
    out.line(`The database ${redactUrl(config.databaseUrl)} is up to date.`);
  } else {
    out.line(`Applied ${plural(ran.length, 'migration')} to ${redactUrl(config.databaseUrl)}:`);
    for (const name of ran) out.line(`  ${out.style.green('✓')} ${name}`);
  }
  return ran;
}

export function registerMigrate(program: Command, rt: Runtime): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .option('--json', 'print { database, applied } as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ tend migrate
  $ tend migrate --database postgres://tend@localhost:5432/tend`,
    )
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await migrate(rt, o, cmd.optsWithGlobals());
    });
}
