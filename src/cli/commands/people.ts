import type { Command } from 'commander';
import type { Runtime } from '../runtime.js';
import { registerPeopleAdd } from './people-add.js';
import { registerPeopleList } from './people-list.js';
import { registerPeopleShow } from './people-show.js';

export function registerPeople(program: Command, rt: Runtime): void {
  const people = program
    .command('people')
    .description('Add, list and look up the people in your network')
    .addHelpText(
      'after',
      `
Examples:
  $ tend people add "Ana Ruiz" --org Acme --role "Staff Engineer" --circle close --tag rust
  $ tend people list --circle inner
  $ tend people show "Ana Ruiz"`,
    );
  registerPeopleAdd(people, rt);
  registerPeopleList(people, rt);
  registerPeopleShow(people, rt);
}
