import type { Db } from '../storage/db.js';
import { type AuthSettings, accountsService, DEFAULT_AUTH_SETTINGS } from './accounts.service.js';
import { auditService } from './audit.service.js';
import { backupService } from './backup.service.js';
import { dedupeService } from './dedupe.service.js';
import { exportService } from './export.service.js';
import { type Clock, systemClock } from './context.js';
import { achievementsService } from './achievements.service.js';
import { followUpsService } from './follow-ups.service.js';
import { importsService } from './imports.service.js';
import { interactionsService } from './interactions.service.js';
import { invitationsService } from './invitations.service.js';
import { labelsService } from './labels.service.js';
import { organisationsService } from './organisations.service.js';
import { peopleService } from './people.service.js';
import { settingsService } from './settings.service.js';
import { todayService } from './today.service.js';
import { policy } from './policy.js';
import { tokensService } from './tokens.service.js';
import { workspacesService } from './workspaces.service.js';

export function createServices(db: Db, clock: Clock = systemClock, auth: AuthSettings = DEFAULT_AUTH_SETTINGS) {
  const deps = { db, clock };
  const audit = auditService(deps);
  const pol = policy(db);
  const invitations = invitationsService(deps, audit, pol);
  return {
    db,
    people: peopleService(deps),
    organisations: organisationsService(deps),
    tags: labelsService(deps, 'tags'),
    topics: labelsService(deps, 'topics'),
    interactions: interactionsService(deps),
    settings: settingsService(deps),
    followUps: followUpsService(deps),
    achievements: achievementsService(deps),
    imports: importsService(deps),
    today: todayService(deps),
    exports: exportService(deps),
    backup: backupService(deps),
    dedupe: dedupeService(deps),
    audit,
    policy: pol,
    invitations,
    accounts: accountsService(deps, auth, audit, invitations),
    tokens: tokensService(deps, audit),
    workspaces: workspacesService(deps, audit, pol, invitations),
  };
}

export type Services = ReturnType<typeof createServices>;
