import type { Db } from '../storage/db.js';
import { type AuthSettings, accountsService, DEFAULT_AUTH_SETTINGS } from './accounts.service.js';
import { auditService } from './audit.service.js';
import { type Actor, type Clock, systemClock } from './context.js';
import { backupService } from './backup.service.js';
import { dedupeService } from './dedupe.service.js';
import { exportService } from './export.service.js';
import { carddavService } from './carddav.service.js';
import { achievementsService } from './achievements.service.js';
import { digestsService } from './digests.service.js';
import { feedsService } from './feeds.service.js';
import { connectionsService } from './connections.service.js';
import { pathsService } from './paths.service.js';
import { reachService } from './reach.service.js';
import { networkService } from './network.service.js';
import { introductionsService } from './introductions.service.js';
import { opportunitiesService } from './opportunities.service.js';
import { eventsService } from './events.service.js';
import { exchangeService } from './exchange.service.js';
import { insightsService } from './insights.service.js';
import { resourcesService } from './resources.service.js';
import { searchService } from './search.service.js';
import { followUpsService } from './follow-ups.service.js';
import { importsService } from './imports.service.js';
import { interactionsService } from './interactions.service.js';
import { invitationsService } from './invitations.service.js';
import { labelsService } from './labels.service.js';
import { organisationsService } from './organisations.service.js';
import { peopleService } from './people.service.js';
import { settingsService } from './settings.service.js';
import { todayService } from './today.service.js';
import { awayService } from './away.service.js';
import { policy } from './policy.js';
import { tokensService } from './tokens.service.js';
import { webhooksService, type WebhooksService } from './webhooks.service.js';
import { workspacesService } from './workspaces.service.js';

export function createServices(db: Db, clock: Clock = systemClock, auth: AuthSettings = DEFAULT_AUTH_SETTINGS) {
  const deps = { db, clock };
  const audit = auditService(deps);
  const pol = policy(db);
  const invitations = invitationsService(deps, audit, pol);
  const webhooks = webhooksService(deps);
  const interactions = withInteractionEvents(interactionsService(deps), webhooks);
  const people = withPersonEvents(peopleService(deps), webhooks);
  return {
    db,
    people,
    carddav: carddavService(deps, people),
    organisations: organisationsService(deps),
    tags: labelsService(deps, 'tags'),
    topics: labelsService(deps, 'topics'),
    interactions,
    webhooks,
    settings: settingsService(deps),
    followUps: withFollowUpEvents(followUpsService(deps), interactions, webhooks),
    achievements: achievementsService(deps),
    today: withNudgeEvents(todayService(deps), interactions, webhooks),
    feeds: feedsService(deps),
    away: awayService(deps),
    digests: digestsService(deps),
    imports: importsService(deps),
    exports: exportService(deps),
    backup: backupService(deps),
    dedupe: dedupeService(deps),
    connections: connectionsService(deps),
    paths: pathsService(deps),
    reach: reachService(deps, pol),
    network: networkService(deps),
    introductions: introductionsService(deps),
    opportunities: opportunitiesService(deps),
    exchange: exchangeService(deps),
    insights: insightsService(deps),
    events: eventsService(deps),
    resources: resourcesService(deps),
    search: searchService(deps),
    audit,
    policy: pol,
    invitations,
    accounts: accountsService(deps, auth, audit, invitations),
    tokens: tokensService(deps, audit),
    workspaces: workspacesService(deps, audit, pol, invitations),
  };
}

export type Services = ReturnType<typeof createServices>;

/*
 * Webhook events are queued after the change committed: a failure to queue is
 * reported but never undoes (or fails) the change the caller asked for.
 */
async function queue(webhooks: WebhooksService, workspaceId: string, e: Parameters<WebhooksService['emit']>[1]) {
  try {
    await webhooks.emit(workspaceId, e);
  } catch (err) {
    process.emitWarning(`Could not queue the ${e.event} webhook: ${(err as Error).message}`);
  }
}

function withPersonEvents(people: ReturnType<typeof peopleService>, webhooks: WebhooksService) {
  return {
    ...people,
    async create(...args: Parameters<typeof people.create>) {
      const p = await people.create(...args);
      await queue(webhooks, args[0].workspaceId, { event: 'person.created', data: p });
      return p;
    },
    async update(...args: Parameters<typeof people.update>) {
      const p = await people.update(...args);
      await queue(webhooks, args[0].workspaceId, { event: 'person.updated', data: p });
      return p;
    },
  };
}

function withInteractionEvents(interactions: ReturnType<typeof interactionsService>, webhooks: WebhooksService) {
  return {
    ...interactions,
    async create(...args: Parameters<typeof interactions.create>) {
      const { interaction, hooked } = await interactions.createNotingHooks(...args);
      // Read in the log's own statements: with no webhook that may want the event, nothing to look up.
      if (hooked) await queue(webhooks, args[0].workspaceId, { event: 'interaction.logged', data: interaction });
      return interaction;
    },
  };
}

type Interactions = ReturnType<typeof interactionsService>;

/** An interaction logged while completing a follow-up or acting on a nudge is logged all the same. */
async function queueLogged(webhooks: WebhooksService, interactions: Interactions, actor: Actor, id: string | null) {
  if (!id) return;
  try {
    await queue(webhooks, actor.workspaceId, { event: 'interaction.logged', data: await interactions.get(actor, id) });
  } catch (err) {
    process.emitWarning(`Could not queue the interaction.logged webhook: ${(err as Error).message}`);
  }
}

function withFollowUpEvents(
  followUps: ReturnType<typeof followUpsService>,
  interactions: Interactions,
  webhooks: WebhooksService,
) {
  return {
    ...followUps,
    async complete(...args: Parameters<typeof followUps.complete>) {
      const f = await followUps.complete(...args);
      if (args[2].log) await queueLogged(webhooks, interactions, args[0], f.doneInteractionId);
      return f;
    },
  };
}

function withNudgeEvents(
  today: ReturnType<typeof todayService>,
  interactions: Interactions,
  webhooks: WebhooksService,
) {
  return {
    ...today,
    async completeNudge(...args: Parameters<typeof today.completeNudge>) {
      const r = await today.completeNudge(...args);
      await queueLogged(webhooks, interactions, args[0], r.interactionId);
      return r;
    },
  };
}
