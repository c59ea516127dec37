import type { Config } from '../config.js';
import type { Connection, GlobalFlags } from './context.js';
import type { Output } from './output.js';

/** What a command may use from the outside world; tests pass their own. */
export interface Runtime {
  out: Output;
  now(): Date;
  version: string;
  /** The Config with the global flags applied; throws a CliError for a bad environment. */
  config(flags: GlobalFlags): Config;
  open(flags: GlobalFlags): Promise<Connection>;
  /** Resolves when a long-running command (serve) should stop. */
  untilStopped(): Promise<void>;
  /** Reading secrets (passwords) from stdin or the terminal. */
  stdin: Stdin;
}

export interface Stdin {
  isTTY: boolean;
  /** All of stdin (for --password-stdin). */
  read(): Promise<string>;
  /** A prompt on stderr whose answer is not echoed. */
  secret(question: string): Promise<string>;
  line(question: string): Promise<string>;
}

/** Opens the API for one command and closes it afterwards. */
export async function withApi<T>(
  rt: Runtime,
  flags: GlobalFlags,
  fn: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await rt.open(flags);
  try {
    return await fn(connection);
  } finally {
    await connection.close();
  }
}
