import type { Command } from 'commander';
import type { GlobalFlags } from '../context.js';
import { CliError } from '../errors.js';
import { integer } from '../parsers.js';
import type { Runtime } from '../runtime.js';

export interface ServeOptions {
  port?: number;
  host?: string;
  json?: boolean;
}

export async function serve(rt: Runtime, o: ServeOptions, flags: GlobalFlags): Promise<void> {
  const base = rt.config(flags);
  const config = { ...base, ...(o.port !== undefined ? { port: o.port } : {}), ...(o.host ? { host: o.host } : {}) };
  const { startServer } = await import('../../server.js');
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new CliError(
        `Port ${config.port} on ${config.host} is already in use — pick another with --port ${config.port + 1}`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new CliError(`Cannot listen on ${config.host} — use --host 127.0.0.1, or 0.0.0.0 for every interface`);
    }
    if (code === 'EACCES') {
      throw new CliError(`Not allowed to listen on port ${config.port} — use a port above 1024, e.g. --port 4000`);
    }
    throw err;
  }
  const { out } = rt;
  if (o.json) out.json({ url: server.url });
  else {
    out.line(`Tend is running at ${out.style.bold(server.url)}`);
    out.line(out.style.dim('Press Ctrl+C to stop.'));
  }
  try {
    await rt.untilStopped();
  } finally {
    await server.close();
  }
}

export function registerServe(program: Command, rt: Runtime): void {
  program
    .command('serve')
    .description('Run the Tend server: web app and API')
    .option('--port <n>', 'port to listen on (default: TEND_PORT or 4000)', integer(0, 65_535))
    .option('--host <host>', 'address to listen on (default: TEND_HOST or 127.0.0.1)')
    .option('--json', 'print { url } as JSON once listening')
    .addHelpText(
      'after',
      `
Examples:
  $ tend serve
  $ tend serve --port 8080 --host 0.0.0.0
  $ tend serve --database postgres://tend@db.internal:5432/tend`,
    )
    .action(async (o: ServeOptions, cmd: Command) => {
      await serve(rt, o, cmd.optsWithGlobals());
    });
}
