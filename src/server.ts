import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { createJobScheduler } from './jobs/index.js';
import { migrateToLatest, openDb } from './storage/db.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Opens the database, migrates it, and serves the API and the web app. */
export async function startServer(config: Config): Promise<RunningServer> {
  const db = await openDb(
    config.databaseUrl,
    config.sqliteCacheMb ? { sqliteCacheKib: config.sqliteCacheMb * 1024 } : {},
  );
  await migrateToLatest(db);
  const app = await buildApp({
    db,
    logLevel: config.logLevel,
    security: config.security,
    publicUrl: config.publicUrl,
    mailConfigured: !!config.smtp,
    readCache: config.readCache !== false,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  // Every instance runs the scheduler unless told not to; jobs run once across instances.
  const scheduler =
    config.jobs !== false
      ? createJobScheduler({
          db,
          log: app.log,
          // nodemailer is loaded only when mail is configured.
          mailer: config.smtp ? (await import('./jobs/mailer.js')).createMailer(config.smtp) : null,
          appUrl: config.publicUrl ?? url,
          ...(config.backup ? { backup: config.backup } : {}),
        })
      : null;
  await scheduler?.start();
  let closed = false;
  return {
    url,
    async close() {
      if (closed) return;
      closed = true;
      await scheduler?.stop();
      await app.close();
      await db.close();
    },
  };
}
