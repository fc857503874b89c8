import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import type { TaxRow } from './joor-settings';

interface TaxRatesFieldProps {
  rows: TaxRow[];
  onChange: (rows: TaxRow[]) => void;
  /** The API's message for a field path (`taxByCountry[0].rate`). */
  errorOf: (path: string) => string | undefined;
}

/** The default tax per billing country of exported orders, one editable row per country. */
export function TaxRatesField({ rows, onChange, errorOf }: TaxRatesFieldProps) {
  const set = (index: number, patch: Partial<TaxRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const listError = errorOf('taxByCountry');

  return (
    <Stack gap="xs">
      <div>
        <Text fw={500} size="sm">
          Tax per country
        </Text>
        <Text c="dimmed" size="xs">
          The tax line of orders billed to each country; the rate as a fraction (0.19 for 19 %). Orders billed elsewhere carry no tax line.
        </Text>
      </div>
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Tax per country" withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Country code</Table.Th>
                <Table.Th>Tax title</Table.Th>
                <Table.Th>Rate</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => {
                const n = index + 1;
                return (
                  // Rows have no id of their own; the index is their identity while editing.
                  <Table.Tr key={index}>
                    <Table.Td>
                      <TextInput
                        aria-label={`Country code ${n}`}
                        placeholder="DE"
                        maxLength={2}
                        value={row.countryCode}
                        onChange={(e) => set(index, { countryCode: e.currentTarget.value })}
                        error={errorOf(`taxByCountry[${index}].countryCode`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Tax title ${n}`}
                        placeholder="MwSt"
                        value={row.title}
                        onChange={(e) => set(index, { title: e.currentTarget.value })}
                        error={errorOf(`taxByCountry[${index}].title`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Rate ${n}`}
                        placeholder="0.19"
                        inputMode="decimal"
                        value={row.rate}
                        onChange={(e) => set(index, { rate: e.currentTarget.value })}
                        error={errorOf(`taxByCountry[${index}].rate`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button variant="subtle" color="red" size="xs" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                        Remove tax {n}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {listError && (
        <Text c="red.9" size="sm">
          {listError}
        </Text>
      )}
      <Group>
        <Button variant="default" size="xs" onClick={() => onChange([...rows, { countryCode: '', title: '', rate: '' }])}>
          Add a country
        </Button>
      </Group>
    </Stack>
  );
}
