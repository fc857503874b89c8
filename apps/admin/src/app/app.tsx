import { Center, Loader } from '@mantine/core';
import { Redirect, Route, Switch } from 'wouter';
import { useSession } from '../auth/session-context';
import { AcceptInvitationPage } from '../features/sign-in/accept-invitation-page';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { AppLayout } from './app-layout';
import { AppRoutes } from './app-routes';

/** Signed out: sign-in and invitation pages only. Signed in: the shell with every page the role may see. */
export function App() {
  const session = useSession();
  if (session.loading) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!session.user) {
    return (
      <Switch>
        <Route path="/accept-invitation" component={AcceptInvitationPage} />
        <Route path="/sign-in" component={SignInPage} />
        <Route>
          <Redirect to={`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`} replace />
        </Route>
      </Switch>
    );
  }
  return (
    <AppLayout>
      <AppRoutes />
    </AppLayout>
  );
}
