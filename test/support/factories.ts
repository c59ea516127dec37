import { Faker, en } from '@faker-js/faker';
import type { PersonCreate } from '../../src/contract/people.js';

/** Seeded so a failing test shows the same data when run again. */
export const faker = new Faker({ locale: [en], seed: 20261126 });

export function buildPerson(overrides: Partial<PersonCreate> = {}): PersonCreate {
  const given = faker.person.firstName();
  const family = faker.person.lastName();
  return {
    fullName: `${given} ${family}`,
    headline: faker.person.jobTitle(),
    emails: [{ value: faker.internet.email({ firstName: given, lastName: family }).toLowerCase() }],
    ...overrides,
  };
}
