import type { FastifyInstance, FastifyReply } from 'fastify';
import { endpoints as e } from '../../contract/endpoints.js';
import type { Services } from '../../services/index.js';
import { route } from '../route.js';

function attachment(reply: FastifyReply, name: string) {
  reply.header('content-disposition', `attachment; filename="${name}"`);
  reply.header('cache-control', 'no-store');
}

const day = () => new Date().toISOString().slice(0, 10);

export function exportRoutes(app: FastifyInstance, s: Services) {
  route(app, e.exportCsv, async ({ actor, query, reply }) => {
    attachment(reply, `tend-people-${day()}.csv`);
    return s.exports.csv(actor, query);
  });
  route(app, e.exportVcard, async ({ actor, query, reply }) => {
    attachment(reply, `tend-people-${day()}.vcf`);
    return s.exports.vcard(actor, query, query.version);
  });
  route(app, e.backup, async ({ actor, reply }) => {
    attachment(reply, `tend-backup-${day()}.json`);
    return s.backup.stream(actor);
  });
  route(app, e.backupCounts, async ({ actor }) => ({ counts: await s.backup.counts(actor) }));
  route(app, e.restore, ({ actor, query, body }) => s.backup.restore(actor, body, { dryRun: query.dryRun }));
}
