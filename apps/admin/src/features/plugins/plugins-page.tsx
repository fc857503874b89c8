import { Title } from '@mantine/core';

// Placeholder until the page is built (issue 16).
export function PluginsPage() {
  return <Title order={1}>PluginsPage</Title>;
}
