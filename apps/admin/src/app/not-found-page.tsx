import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';

export function NotFoundPage() {
  return (
    <Stack>
      <Title order={1}>Page not found</Title>
      <Text>This page does not exist, or your role cannot open it.</Text>
      <Anchor component={Link} href="/stores">
        Back to the stores
      </Anchor>
    </Stack>
  );
}
