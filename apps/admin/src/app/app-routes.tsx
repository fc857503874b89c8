import { lazy, Suspense, type ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { Redirect, Route, Switch } from 'wouter';
import type { Role } from '../auth/role';
import { useSession } from '../auth/session-context';
import { StoresPage } from '../features/stores/stores-page';
import { NotFoundPage } from './not-found-page';

// The stores list (the landing page) is in the first bundle; every other page loads when first opened.
const UsersPage = lazy(() => import('../features/users/users-page').then((m) => ({ default: m.UsersPage })));
const StorePage = lazy(() => import('../features/stores/store-page').then((m) => ({ default: m.StorePage })));
const PluginsPage = lazy(() => import('../features/plugins/plugins-page').then((m) => ({ default: m.PluginsPage })));
const OrdersPage = lazy(() => import('../features/orders/orders-page').then((m) => ({ default: m.OrdersPage })));
const ExportsPage = lazy(() => import('../features/exports/exports-page').then((m) => ({ default: m.ExportsPage })));
const ExportPage = lazy(() => import('../features/exports/export-page').then((m) => ({ default: m.ExportPage })));
const SyncRunPage = lazy(() => import('../features/activity/sync-run-page').then((m) => ({ default: m.SyncRunPage })));
const ActivityPage = lazy(() => import('../features/activity/activity-page').then((m) => ({ default: m.ActivityPage })));
const ApiKeysPage = lazy(() => import('../features/api-keys/api-keys-page').then((m) => ({ default: m.ApiKeysPage })));

/** A page only people with `role` may open; others get "not found" rather than a form the API would refuse. */
function Guarded({ role, children }: { role: Role; children: ReactNode }) {
  const session = useSession();
  return session.can(role) ? children : <NotFoundPage />;
}

export function AppRoutes() {
  return (
    <Suspense
      fallback={
        <Center p="xl" role="status" aria-label="Loading the page">
          <Loader />
        </Center>
      }
    >
      <Switch>
        <Route path="/">
          <Redirect to="/stores" replace />
        </Route>
        <Route path="/sign-in">
          <Redirect to="/stores" replace />
        </Route>
        <Route path="/stores" component={StoresPage} />
        <Route path="/stores/:id/:tab?">{(params) => <StorePage id={params.id} tab={params.tab} />}</Route>
        <Route path="/activity" component={ActivityPage} />
        <Route path="/activity/:id">{(params) => <SyncRunPage id={params.id} />}</Route>
        <Route path="/orders" component={OrdersPage} />
        <Route path="/exports" component={ExportsPage} />
        <Route path="/exports/:id">{(params) => <ExportPage id={params.id} />}</Route>
        <Route path="/plugins" component={PluginsPage} />
        <Route path="/users">
          <Guarded role="admin">
            <UsersPage />
          </Guarded>
        </Route>
        <Route path="/api-keys">
          <Guarded role="admin">
            <ApiKeysPage />
          </Guarded>
        </Route>
        <Route component={NotFoundPage} />
      </Switch>
    </Suspense>
  );
}
