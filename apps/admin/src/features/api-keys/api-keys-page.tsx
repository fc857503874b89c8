import { Title } from '@mantine/core';

// Placeholder until the page is built (issue 16).
export function ApiKeysPage() {
  return <Title order={1}>ApiKeysPage</Title>;
}
