import type { ReactNode } from 'react';
import { Burger, Button, Group, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useLocation } from 'wouter';
import { ROLE_LABELS } from '../auth/role';
import { useSession } from '../auth/session-context';
import classes from './app-layout.module.css';
import { activeNavPath, NAV_ITEMS } from './nav-items';

/** Header, navigation (a panel under the header below the `sm` breakpoint: tablets in portrait) and the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  const [location] = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const active = activeNavPath(location);

  return (
    <>
      <header className={classes.header}>
        <Group gap="sm" wrap="nowrap">
          <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" aria-controls="main-nav" />
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
      </header>
      <nav id="main-nav" className={classes.nav} data-open={opened || undefined} aria-label="Main">
        {NAV_ITEMS.filter((item) => session.can(item.role)).map((item) => (
          <Link
            key={item.path}
            href={item.path}
            className={classes.link}
            aria-current={active === item.path ? 'page' : undefined}
            onClick={close}
          >
            {item.label}
          </Link>
        ))}
      </nav>
      <main className={classes.main}>{children}</main>
    </>
  );
}
