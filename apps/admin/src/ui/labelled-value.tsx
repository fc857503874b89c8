import type { ReactNode } from 'react';
import { Stack, Text } from '@mantine/core';

/** A small grey label above its value, for the facts of one record (an order, an export). */
export function LabelledValue({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}
