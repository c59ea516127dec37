import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CliError } from './errors.js';

/*
 * The CLI's own settings: which server to talk to and the API token for it,
 * in <config dir>/config.json (~/.config/tend by default). The file is
 * written with mode 0600 in a 0700 folder: it holds a secret.
 */

const UserConfig = z.object({
  server: z.string().url().optional(),
  token: z.string().optional(),
  tokenId: z.string().optional(),
  email: z.string().optional(),
});
export type UserConfig = z.infer<typeof UserConfig>;

export function userConfigPath(dir: string): string {
  return path.join(dir, 'config.json');
}

export async function readUserConfig(dir: string): Promise<UserConfig> {
  let text: string;
  try {
    text = await fs.readFile(userConfigPath(dir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  try {
    return UserConfig.parse(JSON.parse(text));
  } catch {
    throw new CliError(`${userConfigPath(dir)} is not valid — fix it or delete it and run: tend login --server URL`);
  }
}

export async function writeUserConfig(dir: string, config: UserConfig): Promise<string> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = userConfigPath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await fs.chmod(tmp, 0o600);
  await fs.rename(tmp, file);
  return file;
}
