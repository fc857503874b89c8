import { Text } from '@mantine/core';

// Placeholder until the panel is built (issue 16).
export function ProductMappingPanel(_props: { storeId: string }) {
  return <Text>ProductMappingPanel</Text>;
}
