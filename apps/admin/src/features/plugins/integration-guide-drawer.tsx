import { Accordion, Drawer, List, Stack, Text, Title } from '@mantine/core';
import type { IntegrationGuide } from './integration-guides';

/** A plugin's Integration guide: what it does, before you start, the steps, notes and troubleshooting. */
export function IntegrationGuideDrawer({
  name,
  guide,
  opened,
  onClose,
}: {
  name: string;
  guide: IntegrationGuide | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="xl"
      title={`${name} integration guide`}
      closeButtonProps={{ 'aria-label': 'Close the integration guide' }}
    >
      {guide && (
        <Stack gap="lg">
          <Text>{guide.summary}</Text>
          <section aria-labelledby="guide-what">
            <Title order={3} size="h4" id="guide-what" mb="xs">
              What it does
            </Title>
            <List spacing={4} size="sm">
              {guide.whatItDoes.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
          </section>
          <section aria-labelledby="guide-before">
            <Title order={3} size="h4" id="guide-before" mb="xs">
              Before you start
            </Title>
            <List spacing={4} size="sm">
              {guide.before.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
          </section>
          <section aria-labelledby="guide-setup">
            <Title order={3} size="h4" id="guide-setup" mb="xs">
              How to set it up
            </Title>
            <List type="ordered" spacing="sm" size="sm">
              {guide.steps.map((step) => (
                <List.Item key={step.title}>
                  <Text fw={600} size="sm">
                    {step.title}
                  </Text>
                  {step.body.map((line) => (
                    <Text key={line} size="sm" mt={4}>
                      {line}
                    </Text>
                  ))}
                </List.Item>
              ))}
            </List>
          </section>
          <section aria-labelledby="guide-notes">
            <Title order={3} size="h4" id="guide-notes" mb="xs">
              Important notes
            </Title>
            <List spacing={4} size="sm">
              {guide.notes.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
          </section>
          <section aria-labelledby="guide-troubleshooting">
            <Title order={3} size="h4" id="guide-troubleshooting" mb="xs">
              Troubleshooting
            </Title>
            <Accordion variant="separated" multiple>
              {guide.troubleshooting.map((item, index) => (
                // Mantine builds element ids from the value: an index keeps them valid.
                <Accordion.Item key={item.problem} value={`problem-${index}`}>
                  <Accordion.Control>{item.problem}</Accordion.Control>
                  <Accordion.Panel>
                    <Text size="sm">{item.fix}</Text>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </section>
        </Stack>
      )}
    </Drawer>
  );
}
