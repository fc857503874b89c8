import { Title } from '@mantine/core';

// Placeholder until the page is built (issue 16).
export function StorePage(_props: { id: string; tab?: string | undefined }) {
  return <Title order={1}>StorePage</Title>;
}
