import type { ReactNode } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import type { Role } from '../auth/role';
import { useSession } from '../auth/session-context';
import { ApiKeysPage } from '../features/api-keys/api-keys-page';
import { ActivityPage } from '../features/activity/activity-page';
import { SyncRunPage } from '../features/activity/sync-run-page';
import { ExportPage } from '../features/exports/export-page';
import { ExportsPage } from '../features/exports/exports-page';
import { OrdersPage } from '../features/orders/orders-page';
import { PluginsPage } from '../features/plugins/plugins-page';
import { StorePage } from '../features/stores/store-page';
import { StoresPage } from '../features/stores/stores-page';
import { UsersPage } from '../features/users/users-page';
import { NotFoundPage } from './not-found-page';

/** A page only people with `role` may open; others get "not found" rather than a form the API would refuse. */
function Guarded({ role, children }: { role: Role; children: ReactNode }) {
  const session = useSession();
  return session.can(role) ? children : <NotFoundPage />;
}

export function AppRoutes() {
  return (
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
  );
}
