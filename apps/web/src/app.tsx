import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { queryClient } from './query-client';
import { AppRoutes } from './router';
import { cssVariablesResolver, theme } from './theme';

const NotificationStack = lazy(() => import('./components/notification-stack'));

// The system's light or dark preference until the user picks one in the user menu; the pick is remembered.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'back-office-color-scheme' });

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <Suspense fallback={null}>
        <NotificationStack />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
