import { lazy } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { CaptureProvider } from './capture-provider';
import { RouteError } from './route-error';
import { Shell } from './shell';

const TodayPage = lazy(() => import('../features/today/today-page'));
const PeoplePage = lazy(() => import('../features/people/people-page'));
const PersonPage = lazy(() => import('../features/person/person-page'));
const ComingSoonPage = lazy(() => import('../features/coming-soon/coming-soon-page'));
const NotFoundPage = lazy(() => import('../features/coming-soon/not-found-page'));
const SettingsPage = lazy(() => import('../features/settings/settings-page'));

function Root() {
  return (
    <CaptureProvider>
      <Outlet />
    </CaptureProvider>
  );
}

export const router = createBrowserRouter([
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
          ...['events', 'resources', 'opportunities', 'map', 'insights', 'import'].map((path) => ({
            path,
            element: <ComingSoonPage page={path} />,
          })),
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
