import './app/mantine-first-page.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Router } from 'wouter';
import { ApiError } from './api/api-error';
import { App } from './app/app';
import { SessionProvider } from './auth/session-context';
import { fetchStores, STORES_KEY } from './features/stores/stores.api';
import { cssVariablesResolver, theme } from './app/theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // A refusal (4xx) is an answer, not a hiccup: retry only network failures and 5xx.
      retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: false,
    },
  },
});

// The landing page's data is asked for beside the session, not after it: one round trip less before the stores show.
// Signed out, it fails quietly and signing in forgets it.
if (/^\/admin\/?(stores\/?)?$/.test(window.location.pathname)) {
  void queryClient.prefetchQuery({ queryKey: STORES_KEY, queryFn: fetchStores });
}

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html lacks #root');
}
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <Router base="/admin">
          <SessionProvider>
            <App />
          </SessionProvider>
        </Router>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
