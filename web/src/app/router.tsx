import { lazy, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { AuthGate } from '../features/auth/auth-gate';
import { CaptureProvider } from './capture-provider';
import { RouteError } from './route-error';
import { Shell } from './shell';

const TodayPage = lazy(() => import('../features/today/today-page'));
const PeoplePage = lazy(() => import('../features/people/people-page'));
const PersonPage = lazy(() => import('../features/person/person-page'));
const NotFoundPage = lazy(() => import('../features/coming-soon/not-found-page'));
const EventsPage = lazy(() => import('../features/events/events-page'));
const EventPage = lazy(() => import('../features/events/event-page'));
const ResourcesPage = lazy(() => import('../features/resources/resources-page'));
const ResourcePage = lazy(() => import('../features/resources/resource-page'));
const SettingsPage = lazy(() => import('../features/settings/settings-page'));
const ImportExportPage = lazy(() => import('../features/import-export/import-export-page'));
const OpportunitiesPage = lazy(() => import('../features/opportunities/opportunities-page'));
const InsightsPage = lazy(() => import('../features/insights/insights-page'));
const MapPage = lazy(() => import('../features/map/map-page'));
const SetupPage = lazy(() => import('../features/auth/setup-page'));
const LoginPage = lazy(() => import('../features/auth/login-page'));
const InvitePage = lazy(() => import('../features/auth/invite-page'));

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
