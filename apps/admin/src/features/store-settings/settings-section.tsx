import type { FormEvent, ReactNode } from 'react';
import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../ui/query-state';
import type { SettingsSave } from './store-settings.api';

interface SettingsSectionProps {
  title: string;
  description?: ReactNode;
  canEdit: boolean;
  /** The save button's name, e.g. "Save stock sync". */
  saveLabel: string;
  save: SettingsSave;
  onSubmit: () => void;
  /** What people who may not edit see instead of the form. */
  summary: Array<[string, string]>;
  /** The form's fields (admins only). */
  children: ReactNode;
  /** Shown to everyone under the form or the summary (e.g. the order preview). */
  footer?: ReactNode;
}

/** One section of a store's settings: its own form and save for admins, a read-only list for everyone else. */
export function SettingsSection({
  title,
  description,
  canEdit,
  saveLabel,
  save,
  onSubmit,
  summary,
  children,
  footer,
}: SettingsSectionProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h3">
            {title}
          </Title>
          {description && (
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          )}
        </Stack>
        {canEdit ? (
          <form onSubmit={submit} aria-label={`${title} settings`} noValidate>
            <Stack gap="md">
              {children}
              {save.failure !== null && <ErrorAlert error={save.failure} title={`${title} was not saved`} />}
              <Group gap="sm">
                <Button type="submit" loading={save.pending}>
                  {saveLabel}
                </Button>
                {/* Always rendered, so screen readers announce "Saved" when it appears. */}
                <Text fw={600} role="status">
                  {save.saved ? 'Saved' : ''}
                </Text>
              </Group>
            </Stack>
          </form>
        ) : (
          <Table aria-label={`${title} settings`} withRowBorders={false} verticalSpacing={4}>
            <Table.Tbody>
              {summary.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row" w="40%" fw={500}>
                    {label}
                  </Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {footer}
      </Stack>
    </Paper>
  );
}
