import { z } from 'zod';
import { IdParams } from './common.js';
import {
  Interaction,
  InteractionCreate,
  InteractionListQuery,
  InteractionPage,
  InteractionUpdate,
} from './interactions.js';
import { Label, LabelCreate, LabelList, LabelUpdate } from './labels.js';
import {
  Organisation,
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationPage,
  OrganisationUpdate,
} from './organisations.js';
import {
  Learning,
  LearningCreate,
  LearningParams,
  PeopleListQuery,
  PeoplePage,
  Person,
  PersonCreate,
  PersonUpdate,
} from './people.js';

/*
 * The catalogue of the REST API. The server registers its routes from it, the
 * OpenAPI document is generated from it, and the typed client calls through it,
 * so the three cannot drift apart.
 */

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Status on success. */
  status: 200 | 201 | 204;
  response?: z.ZodType;
}

function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  uptimeSeconds: z.number(),
});
export type Health = z.infer<typeof Health>;

const TimelineQuery = InteractionListQuery.omit({ personId: true });

export const endpoints = {
  health: endpoint({
    method: 'GET',
    path: '/api/health',
    summary: 'Liveness and database dialect',
    tag: 'system',
    status: 200,
    response: Health,
  }),

  listPeople: endpoint({
    method: 'GET',
    path: '/api/v1/people',
    summary: 'List people with filters, sort and cursor pagination',
    tag: 'people',
    query: PeopleListQuery,
    status: 200,
    response: PeoplePage,
  }),
  createPerson: endpoint({
    method: 'POST',
    path: '/api/v1/people',
    summary: 'Add a person',
    tag: 'people',
    body: PersonCreate,
    status: 201,
    response: Person,
  }),
  getPerson: endpoint({
    method: 'GET',
    path: '/api/v1/people/:id',
    summary: 'One person with everything known about them',
    tag: 'people',
    params: IdParams,
    status: 200,
    response: Person,
  }),
  updatePerson: endpoint({
    method: 'PATCH',
    path: '/api/v1/people/:id',
    summary: 'Change a person (send the version you read, or If-Match)',
    tag: 'people',
    params: IdParams,
    body: PersonUpdate,
    status: 200,
    response: Person,
  }),
  deletePerson: endpoint({
    method: 'DELETE',
    path: '/api/v1/people/:id',
    summary: 'Move a person to the trash',
    tag: 'people',
    params: IdParams,
    status: 204,
  }),
  restorePerson: endpoint({
    method: 'POST',
    path: '/api/v1/people/:id/restore',
    summary: 'Bring a person back from the trash',
    tag: 'people',
    params: IdParams,
    status: 200,
    response: Person,
  }),
  listPersonInteractions: endpoint({
    method: 'GET',
    path: '/api/v1/people/:id/interactions',
    summary: "A person's timeline, newest first",
    tag: 'people',
    params: IdParams,
    query: TimelineQuery,
    status: 200,
    response: InteractionPage,
  }),
  listLearnings: endpoint({
    method: 'GET',
    path: '/api/v1/people/:id/learnings',
    summary: 'Things learned about a person, newest first',
    tag: 'people',
    params: IdParams,
    status: 200,
    response: z.object({ items: z.array(Learning) }),
  }),
  createLearning: endpoint({
    method: 'POST',
    path: '/api/v1/people/:id/learnings',
    summary: 'Remember something learned about a person',
    tag: 'people',
    params: IdParams,
    body: LearningCreate,
    status: 201,
    response: Learning,
  }),
  deleteLearning: endpoint({
    method: 'DELETE',
    path: '/api/v1/people/:id/learnings/:learningId',
    summary: 'Forget something learned',
    tag: 'people',
    params: LearningParams,
    status: 204,
  }),

  listOrganisations: endpoint({
    method: 'GET',
    path: '/api/v1/organisations',
    summary: 'List organisations by name',
    tag: 'organisations',
    query: OrganisationListQuery,
    status: 200,
    response: OrganisationPage,
  }),
  createOrganisation: endpoint({
    method: 'POST',
    path: '/api/v1/organisations',
    summary: 'Add an organisation',
    tag: 'organisations',
    body: OrganisationCreate,
    status: 201,
    response: Organisation,
  }),
  getOrganisation: endpoint({
    method: 'GET',
    path: '/api/v1/organisations/:id',
    summary: 'One organisation',
    tag: 'organisations',
    params: IdParams,
    status: 200,
    response: Organisation,
  }),
  updateOrganisation: endpoint({
    method: 'PATCH',
    path: '/api/v1/organisations/:id',
    summary: 'Change an organisation',
    tag: 'organisations',
    params: IdParams,
    body: OrganisationUpdate,
    status: 200,
    response: Organisation,
  }),
  deleteOrganisation: endpoint({
    method: 'DELETE',
    path: '/api/v1/organisations/:id',
    summary: 'Move an organisation to the trash',
    tag: 'organisations',
    params: IdParams,
    status: 204,
  }),
  restoreOrganisation: endpoint({
    method: 'POST',
    path: '/api/v1/organisations/:id/restore',
    summary: 'Bring an organisation back from the trash',
    tag: 'organisations',
    params: IdParams,
    status: 200,
    response: Organisation,
  }),

  listTags: endpoint({
    method: 'GET',
    path: '/api/v1/tags',
    summary: 'All tags with how many people carry each',
    tag: 'tags',
    status: 200,
    response: LabelList,
  }),
  createTag: endpoint({
    method: 'POST',
    path: '/api/v1/tags',
    summary: 'Create a tag',
    tag: 'tags',
    body: LabelCreate,
    status: 201,
    response: Label,
  }),
  updateTag: endpoint({
    method: 'PATCH',
    path: '/api/v1/tags/:id',
    summary: 'Rename or recolour a tag',
    tag: 'tags',
    params: IdParams,
    body: LabelUpdate,
    status: 200,
    response: Label,
  }),
  deleteTag: endpoint({
    method: 'DELETE',
    path: '/api/v1/tags/:id',
    summary: 'Delete a tag and take it off everyone',
    tag: 'tags',
    params: IdParams,
    status: 204,
  }),
  listTopics: endpoint({
    method: 'GET',
    path: '/api/v1/topics',
    summary: 'Topics of interest with how many people share each',
    tag: 'tags',
    status: 200,
    response: LabelList,
  }),

  listInteractions: endpoint({
    method: 'GET',
    path: '/api/v1/interactions',
    summary: 'Interactions, newest first',
    tag: 'interactions',
    query: InteractionListQuery,
    status: 200,
    response: InteractionPage,
  }),
  createInteraction: endpoint({
    method: 'POST',
    path: '/api/v1/interactions',
    summary: 'Log an interaction with one or more people',
    tag: 'interactions',
    body: InteractionCreate,
    status: 201,
    response: Interaction,
  }),
  getInteraction: endpoint({
    method: 'GET',
    path: '/api/v1/interactions/:id',
    summary: 'One interaction',
    tag: 'interactions',
    params: IdParams,
    status: 200,
    response: Interaction,
  }),
  updateInteraction: endpoint({
    method: 'PATCH',
    path: '/api/v1/interactions/:id',
    summary: 'Change an interaction',
    tag: 'interactions',
    params: IdParams,
    body: InteractionUpdate,
    status: 200,
    response: Interaction,
  }),
  deleteInteraction: endpoint({
    method: 'DELETE',
    path: '/api/v1/interactions/:id',
    summary: 'Move an interaction to the trash',
    tag: 'interactions',
    params: IdParams,
    status: 204,
  }),
  restoreInteraction: endpoint({
    method: 'POST',
    path: '/api/v1/interactions/:id/restore',
    summary: 'Bring an interaction back from the trash',
    tag: 'interactions',
    params: IdParams,
    status: 200,
    response: Interaction,
  }),
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
