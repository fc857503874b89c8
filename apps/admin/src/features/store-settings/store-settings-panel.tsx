import { Text } from '@mantine/core';

// Placeholder until the panel is built (issue 16).
export function StoreSettingsPanel(_props: { storeId: string }) {
  return <Text>StoreSettingsPanel</Text>;
}
