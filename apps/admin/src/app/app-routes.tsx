import { Suspense, type ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { Redirect, Route, Switch } from 'wouter';
import type { Role } from '../auth/role';
import { useSession } from '../auth/session-context';
import { StoresPage } from '../features/stores/stores-page';
import { lazyWithStyles } from './lazy-with-styles';
import { NotFoundPage } from './not-found-page';

// The stores list (the landing page) is in the first bundle; every other page loads when first opened.
const UsersPage = lazyWithStyles(() => import('../features/users/users-page').then((m) => m.UsersPage));
const StorePage = lazyWithStyles(() => import('../features/stores/store-page').then((m) => m.StorePage));
const PluginsPage = lazyWithStyles(() => import('../features/plugins/plugins-page').then((m) => m.PluginsPage));
const OrdersPage = lazyWithStyles(() => import('../features/orders/orders-page').then((m) => m.OrdersPage));
const ExportsPage = lazyWithStyles(() => import('../features/exports/exports-page').then((m) => m.ExportsPage));
const ExportPage = lazyWithStyles(() => import('../features/exports/export-page').then((m) => m.ExportPage));
const SyncRunPage = lazyWithStyles(() => import('../features/activity/sync-run-page').then((m) => m.SyncRunPage));
const ActivityPage = lazyWithStyles(() => import('../features/activity/activity-page').then((m) => m.ActivityPage));
const ApiKeysPage = lazyWithStyles(() => import('../features/api-keys/api-keys-page').then((m) => m.ApiKeysPage));
const AuditLogPage = lazyWithStyles(() => import('../features/audit/audit-log-page').then((m) => m.AuditLogPage));

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
        <Route path="/audit-log">
          <Guarded role="admin">
            <AuditLogPage />
          </Guarded>
        </Route>
        <Route component={NotFoundPage} />
      </Switch>
    </Suspense>
  );
}
