import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { startStrengthRefresh } from './jobs/strength-refresh.js';
import { migrateToLatest, openDb } from './storage/db.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens the database, migrates it, and serves the API and the web app. */
export async function startServer(config: Config): Promise<RunningServer> {
  const db = await openDb(config.databaseUrl);
  await migrateToLatest(db);
  const app = await buildApp({ db, logLevel: config.logLevel, security: config.security });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  const stopJobs = startStrengthRefresh(db, app.log);
  let closed = false;
  return {
    url,
    async close() {
      if (closed) return;
      closed = true;
      stopJobs();
      await app.close();
      await db.close();
    },
  };
}
