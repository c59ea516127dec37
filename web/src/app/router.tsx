import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { AuthGate } from '../features/auth/auth-gate';
import { readCookie } from '../lib/api';
import { CaptureProvider } from './capture-provider';
import { dataFor, pageFor, pages } from './pages';
import { RouteError } from './route-error';
import { Shell } from './shell';

const TodayPage = lazy(pages.todayPage);
const PeoplePage = lazy(pages.peoplePage);
const PersonPage = lazy(pages.personPage);
const NotFoundPage = lazy(pages.notFoundPage);
const EventsPage = lazy(pages.eventsPage);
const EventPage = lazy(pages.eventPage);
const ResourcesPage = lazy(pages.resourcesPage);
const ResourcePage = lazy(pages.resourcePage);
const SettingsPage = lazy(pages.settingsPage);
const ImportExportPage = lazy(pages.importExportPage);
const OpportunitiesPage = lazy(pages.opportunitiesPage);
const InsightsPage = lazy(pages.insightsPage);
const MapPage = lazy(pages.mapPage);
const SetupPage = lazy(pages.setupPage);
const LoginPage = lazy(pages.loginPage);
const InvitePage = lazy(pages.invitePage);

function Root() {
  return (
    <AuthGate>
      <CaptureProvider>
        <Outlet />
      </CaptureProvider>
    </AuthGate>
  );
}

/** Set-up, sign-in and invitations: reachable without a session, outside the app frame. */
function Public() {
  return (
    <Suspense fallback={null}>
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  {
    element: <Public />,
    errorElement: <RouteError />,
    children: [
      { path: 'setup', element: <SetupPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'invite/:token', element: <InvitePage /> },
    ],
  },
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <TodayPage /> },
          { path: 'people', element: <PeoplePage /> },
          { path: 'people/:id', element: <PersonPage /> },
          { path: 'events', element: <EventsPage /> },
          { path: 'events/:id', element: <EventPage /> },
          { path: 'resources', element: <ResourcesPage /> },
          { path: 'resources/:id', element: <ResourcePage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'settings/:tab', element: <SettingsPage /> },
          { path: 'import', element: <ImportExportPage /> },
          { path: 'import/:tab', element: <ImportExportPage /> },
          { path: 'opportunities', element: <OpportunitiesPage /> },
          { path: 'insights', element: <InsightsPage /> },
          { path: 'map', element: <MapPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

/**
 * Starts what the page being opened needs at once, beside the sign-in check, instead of after it:
 * its code, and (for the pages that have one in app/pages.ts) the request for its first data. The
 * data leaves at once when the CSRF cookie says someone is probably signed in (it is set with the
 * session and readable by the page), else once the check says so; either way it no longer waits
 * for the page's code or the app frame's first render. A failed preload is ignored; the route's
 * own import reports it.
 */
export function preloadPage(location: { pathname: string; search: string }, signedIn: Promise<boolean>) {
  pageFor(location.pathname)?.().catch(() => {});
  const data = dataFor(location.pathname);
  if (!data) return;
  if (readCookie('tend_csrf') !== undefined) data(location);
  else
    void signedIn.then((yes) => {
      if (yes) data(location);
    });
}
