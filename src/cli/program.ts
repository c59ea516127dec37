import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type Config, loadConfig } from '../config.js';
import { registerAchievement } from './commands/achievement.js';
import { registerAway } from './commands/away.js';
import { registerDedupe } from './commands/dedupe.js';
import { registerDemo } from './commands/demo.js';
import { registerDigest } from './commands/digest.js';
import { registerFeed } from './commands/feed.js';
import { registerBackup, registerExport } from './commands/export.js';
import { registerConnect } from './commands/connect.js';
import { registerPath } from './commands/path.js';
import { registerReach } from './commands/reach.js';
import { registerIntro } from './commands/intro.js';
import { registerOpp } from './commands/opp.js';
import { registerInsights } from './commands/insights.js';
import { registerEvent } from './commands/event.js';
import { registerResource } from './commands/resource.js';
import { registerFollowUp } from './commands/followup.js';
import { registerImport } from './commands/import.js';
import { registerLog } from './commands/log.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPeople } from './commands/people.js';
import { registerLogin } from './commands/login.js';
import { registerSearch } from './commands/search.js';
import { registerServe } from './commands/serve.js';
import { registerSnooze } from './commands/snooze.js';
import { registerToday } from './commands/today.js';
import { registerToken } from './commands/token.js';
import { registerUser } from './commands/user.js';
import { registerWebhook } from './commands/webhook.js';
import { registerWorkspace } from './commands/workspace.js';
import { applyFlags, type Connect, connect as defaultConnect, type GlobalFlags } from './context.js';
import { CliError, EXIT_USAGE, renderError } from './errors.js';
import { createOutput, type Stream } from './output.js';
import type { Runtime, Stdin } from './runtime.js';
import { wantsColor } from './style.js';
import { version } from '../lib/package.js';

export interface CliDeps {
  stdout: Stream;
  stderr: Stream;
  /** Reads the environment; tests pass a fixed Config. */
  loadConfig?: () => Config;
  /** Opens the API; tests pass one over their own database. */
  connect?: Connect;
  now?: () => Date;
  /** Resolves when `tend serve` should stop; the real CLI waits for Ctrl+C. */
  untilStopped?: () => Promise<void>;
  /** Where passwords come from; the real CLI passes the terminal, tests a string. */
  stdin?: Stdin;
}

const noStdin: Stdin = {
  isTTY: false,
  read: async () => '',
  secret: async () => '',
  line: async () => '',
};

function serverUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('Give the server as a URL like http://localhost:4000.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError('The server URL must start with http:// or https://.');
  }
  return value;
}

function databaseUrl(value: string): string {
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(value)) {
    throw new InvalidArgumentError('Use sqlite:PATH (e.g. sqlite:./data/tend.db) or postgres://USER@HOST:PORT/DB.');
  }
  return value;
}

export function buildProgram(rt: Runtime, deps: CliDeps): Command {
  const program = new Command('tend');
  program
    .description('Tend — a personal CRM for the relationships your work runs on')
    .version(rt.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--server <url>', 'talk to a Tend server instead of the local database').argParser(serverUrl))
    .addOption(new Option('--database <url>', 'database URL: sqlite:PATH or postgres://…').argParser(databaseUrl))
    .addOption(new Option('--data-dir <dir>', 'where the local database lives (default: TEND_DATA_DIR or ./data)'))
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => deps.stdout.write(s),
      writeErr: (s) => deps.stderr.write(s),
      getOutHelpWidth: () => (deps.stdout.isTTY && deps.stdout.columns ? deps.stdout.columns : 80),
      getErrHelpWidth: () => (deps.stderr.isTTY && deps.stderr.columns ? deps.stderr.columns : 80),
      getOutHasColors: () => wantsColor(deps.stdout),
      getErrHasColors: () => wantsColor(deps.stderr),
    })
    .addHelpText(
      'after',
      `
Without --server, commands work on the local database (TEND_DATA_DIR, or
TEND_DATABASE_URL). Every command accepts --json for scripts.

Getting started:
  $ tend demo                                   # a generated network to explore
  $ tend people add "Ana Ruiz" --org Acme --circle close
  $ tend log "coffee, talked about her Rust migration" --with "Ana Ruiz"
  $ tend people show "Ana Ruiz"
  $ tend today                                  # who to get in touch with, and why
  $ tend serve                                  # the web app on http://127.0.0.1:4000`,
    );

  registerToday(program, rt);
  registerPeople(program, rt);
  registerLog(program, rt);
  registerFollowUp(program, rt);
  registerAchievement(program, rt);
  registerSnooze(program, rt);
  registerAway(program, rt);
  registerFeed(program, rt);
  registerWebhook(program, rt);
  registerDigest(program, rt);
  registerImport(program, rt);
  registerExport(program, rt);
  registerBackup(program, rt);
  registerDedupe(program, rt);
  registerIntro(program, rt);
  registerOpp(program, rt);
  registerInsights(program, rt);
  registerConnect(program, rt);
  registerPath(program, rt);
  registerReach(program, rt);
  registerEvent(program, rt);
  registerResource(program, rt);
  registerSearch(program, rt);
  registerDemo(program, rt);
  registerServe(program, rt);
  registerMigrate(program, rt);
  registerUser(program, rt);
  registerToken(program, rt);
  registerWorkspace(program, rt);
  registerLogin(program, rt);

  oneLineErrors(program);
  return program;
}

/** Commander's usage errors as one line, with where to read more. */
function oneLineErrors(cmd: Command, path: string[] = []): void {
  const here = [...path, cmd.name()];
  const helpHint = here.length > 1 ? `${here.join(' ')} --help` : 'tend --help';
  cmd.configureOutput({
    outputError: (str, write) => {
      const text = str
        .replace(/^error: /, '')
        .replace(/\s*\n\s*/g, ' ')
        .trim()
        .replace(/\.$/, '');
      write(`tend: ${text} — see: ${helpHint}\n`);
    },
  });
  for (const sub of cmd.commands) oneLineErrors(sub, here);
}

/**
 * `tend export vcard --version 3.0` means the vCard version, but commander
 * gives --version to the program wherever it appears: after `export vcard` it
 * becomes the command's own --vcard-version.
 */
export function subcommandVersionFlag(argv: readonly string[]): string[] {
  const args = [...argv];
  const at = args.findIndex((a, i) => a === 'vcard' && args[i - 1] === 'export');
  if (at < 0) return args;
  return args.map((a, i) =>
    i > at && a === '--version'
      ? '--vcard-version'
      : i > at && a.startsWith('--version=')
        ? `--vcard-${a.slice(2)}`
        : a,
  );
}

export async function run(argv: readonly string[], deps: CliDeps): Promise<number> {
  const out = createOutput(deps.stdout, deps.stderr);
  const load = deps.loadConfig ?? (() => loadConfig());
  let loaded: Config | undefined;
  const baseConfig = () => {
    if (!loaded) {
      try {
        loaded = load();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new CliError(`${message} — fix that environment variable, or unset it to use the default`);
      }
    }
    return loaded;
  };
  const rt: Runtime = {
    out,
    now: deps.now ?? (() => new Date()),
    version,
    config: (flags: GlobalFlags) => applyFlags(baseConfig(), flags),
    open: (flags: GlobalFlags) => (deps.connect ?? defaultConnect)(rt.config(flags)),
    untilStopped: deps.untilStopped ?? (() => new Promise<void>(() => {})),
    stdin: deps.stdin ?? noStdin,
  };
  const program = buildProgram(rt, deps);
  try {
    await program.parseAsync(subcommandVersionFlag(argv), { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      return EXIT_USAGE;
    }
    let debug = false;
    try {
      debug = ['debug', 'trace'].includes(baseConfig().logLevel);
    } catch {
      // a broken environment is reported by the error itself
    }
    const rendered = renderError(err, debug);
    for (const line of rendered.lines) out.err(line);
    return rendered.exitCode;
  }
}
