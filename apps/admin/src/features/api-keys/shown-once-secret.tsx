import { Alert, Button, CopyButton, Group, Stack, TextInput } from '@mantine/core';

/** A secret the API answers only once (an API key, an invitation link): a read-only field, a copy button, a warning. */
export function ShownOnceSecret({
  label,
  copyLabel,
  value,
  warning,
}: {
  label: string;
  copyLabel: string;
  value: string;
  warning: string;
}) {
  return (
    <Stack gap="sm">
      <Alert color="orange" title="Shown only once" role="status" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
        {warning}
      </Alert>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label={label}
          value={value}
          readOnly
          style={{ flex: 1 }}
          styles={{ input: { fontFamily: 'monospace' } }}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button onClick={copy} color={copied ? 'teal.9' : undefined} aria-label={copied ? 'Copied' : copyLabel}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
