import { prefetchPeople } from '../features/people/people-query';
import { prefetchPerson } from '../features/person/person-query';

/*
 * Each page's code, loaded on first visit (code-split routes), and the page for a path. Kept apart
 * from the router so that code outside it (app/intent-prefetch.ts) can start loading a page ahead
 * of a navigation without importing the router.
 */

/** Each page's code, loaded on first visit (code-split routes). */
export const pages = {
  todayPage: () => import('../features/today/today-page'),
  peoplePage: () => import('../features/people/people-page'),
  personPage: () => import('../features/person/person-page'),
  notFoundPage: () => import('../features/coming-soon/not-found-page'),
  eventsPage: () => import('../features/events/events-page'),
  eventPage: () => import('../features/events/event-page'),
  resourcesPage: () => import('../features/resources/resources-page'),
  resourcePage: () => import('../features/resources/resource-page'),
  settingsPage: () => import('../features/settings/settings-page'),
  importExportPage: () => import('../features/import-export/import-export-page'),
  opportunitiesPage: () => import('../features/opportunities/opportunities-page'),
  insightsPage: () => import('../features/insights/insights-page'),
  mapPage: () => import('../features/map/map-page'),
  setupPage: () => import('../features/auth/setup-page'),
  loginPage: () => import('../features/auth/login-page'),
  invitePage: () => import('../features/auth/invite-page'),
};

/** The page code for a path, by its first segments (as the routes in app/router.tsx). */
export function pageFor(pathname: string): (() => Promise<unknown>) | null {
  const [first = '', second] = pathname.split('/').filter(Boolean);
  switch (first) {
    case '':
      return pages.todayPage;
    case 'people':
      return second ? pages.personPage : pages.peoplePage;
    case 'events':
      return second ? pages.eventPage : pages.eventsPage;
    case 'resources':
      return second ? pages.resourcePage : pages.resourcesPage;
    case 'settings':
      return pages.settingsPage;
    case 'import':
      return pages.importExportPage;
    case 'opportunities':
      return pages.opportunitiesPage;
    case 'insights':
      return pages.insightsPage;
    case 'map':
      return pages.mapPage;
    case 'login':
      return pages.loginPage;
    default:
      return null;
  }
}

/**
 * The request for a page's first data, for the pages opened cold most often (the people list and a
 * person). These functions are small and in the entry bundle, so a cold load asks for the data
 * without waiting for the page's code (app/router.tsx, preloadPage).
 */
export function dataFor(pathname: string): ((location: { pathname: string; search: string }) => void) | null {
  const [first = '', second] = pathname.split('/').filter(Boolean);
  if (first !== 'people') return null;
  if (!second) return (location) => prefetchPeople(location.search);
  const id = decodeURIComponent(second);
  return () => prefetchPerson(id);
}
