import type { Db } from '../storage/db.js';
import { type Clock, systemClock } from './context.js';
import { achievementsService } from './achievements.service.js';
import { followUpsService } from './follow-ups.service.js';
import { interactionsService } from './interactions.service.js';
import { labelsService } from './labels.service.js';
import { organisationsService } from './organisations.service.js';
import { peopleService } from './people.service.js';
import { settingsService } from './settings.service.js';
import { todayService } from './today.service.js';

export function createServices(db: Db, clock: Clock = systemClock) {
  const deps = { db, clock };
  return {
    people: peopleService(deps),
    organisations: organisationsService(deps),
    tags: labelsService(deps, 'tags'),
    topics: labelsService(deps, 'topics'),
    interactions: interactionsService(deps),
    settings: settingsService(deps),
    followUps: followUpsService(deps),
    achievements: achievementsService(deps),
    today: todayService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
