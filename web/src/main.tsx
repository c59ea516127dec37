import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import '@mantine/charts/styles.css';
import './app/global.css';

import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { NotificationsHost } from './app/notifications-host';
import { preloadPage, router } from './app/router';
import { cssVariablesResolver, theme } from './app/theme';
import { prefetchAuthStatus } from './features/auth/use-auth';
import { queryClient } from './lib/api';

const colorSchemeManager = localStorageColorSchemeManager({ key: 'tend-color-scheme' });

// The sign-in check and the page's code, both at once, before React's first render; then the
// page's first data as soon as both are in.
preloadPage(window.location, prefetchAuthStatus());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
    >
      <NotificationsHost />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
