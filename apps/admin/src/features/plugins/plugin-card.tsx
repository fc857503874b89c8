import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { StatusBadge } from '../../ui/status-badge';
import type { PluginCard as PluginCardView } from './plugin-view';

/** One plugin: its state, what it does, its guide, and (for admins) the switch. */
export function PluginCard({
  card,
  busy,
  onActivate,
  onDeactivate,
  onOpenGuide,
}: {
  card: PluginCardView;
  busy: boolean;
  onActivate: () => void;
  onDeactivate: () => void;
  onOpenGuide: () => void;
}) {
  const titleId = `plugin-${card.key}-title`;
  return (
    <Card withBorder padding="lg" radius="md" component="article" aria-labelledby={titleId}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4" id={titleId}>
            {card.name}
          </Title>
          <StatusBadge status={card.status} />
        </Group>
        <Text size="sm">{card.summary}</Text>
        <Text size="sm" c="gray.7">
          {card.active ? 'Accepts new stores.' : 'Refuses new stores until an admin activates it.'}
        </Text>
        <Group gap="xs" mt="auto">
          {card.hasGuide && (
            <Button variant="default" onClick={onOpenGuide} aria-label={`${card.name} integration guide`}>
              Integration guide
            </Button>
          )}
          {card.action === 'activate' && (
            <Button onClick={onActivate} loading={busy} aria-label={`Activate ${card.name}`}>
              Activate
            </Button>
          )}
          {card.action === 'deactivate' && (
            <Button color="red" variant="light" onClick={onDeactivate} loading={busy} aria-label={`Deactivate ${card.name}`}>
              Deactivate
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
