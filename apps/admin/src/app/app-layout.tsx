import type { ReactNode } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useLocation } from 'wouter';
import { ROLE_LABELS } from '../auth/role';
import { useSession } from '../auth/session-context';
import { activeNavPath, NAV_ITEMS } from './nav-items';

/** Header, navigation (a drawer under the `sm` breakpoint: tablets in portrait) and the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  const [location] = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const active = activeNavPath(location);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={2} size="h4">
              Gantry
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs" truncate maw={260}>
              {session.user?.email} · {session.user ? ROLE_LABELS[session.user.role] : ''}
            </Text>
            <Button variant="default" size="xs" onClick={() => void session.signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {NAV_ITEMS.filter((item) => session.can(item.role)).map((item) => (
          <NavLink
            key={item.path}
            component={Link}
            href={item.path}
            label={item.label}
            active={active === item.path}
            aria-current={active === item.path ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
