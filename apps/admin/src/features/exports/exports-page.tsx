import { Title } from '@mantine/core';

// Placeholder until the page is built (issue 16).
export function ExportsPage() {
  return <Title order={1}>ExportsPage</Title>;
}
