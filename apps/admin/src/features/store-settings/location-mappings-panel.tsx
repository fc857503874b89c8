import { Text } from '@mantine/core';

// Placeholder until the panel is built (issue 16).
export function LocationMappingsPanel(_props: { storeId: string }) {
  return <Text>LocationMappingsPanel</Text>;
}
