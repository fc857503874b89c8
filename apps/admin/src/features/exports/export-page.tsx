import { Title } from '@mantine/core';

// Placeholder until the page is built (issue 16).
export function ExportPage(_props: { id: string }) {
  return <Title order={1}>ExportPage</Title>;
}
