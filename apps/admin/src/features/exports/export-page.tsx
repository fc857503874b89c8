import { LabelledValue } from '../../ui/labelled-value';
import { useMemo, useState } from 'react';
import { Alert, Anchor, Button, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { useSession } from '../../auth/session-context';
import { dateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert, QueryState } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { useStores } from '../orders/orders.api';
import { exportActions, exportRow, generationLabel, sourceOrderSummary } from './export-rows';
import { useExport, useReExport, useRetryExport, type WholesaleExportDetail } from './exports.api';
import { ReExportModal } from './re-export-modal';
import { READABLE_ALERT_STYLES } from '../orders/readable-alert';

/** One export of a JOOR order, its failure, the order as read, every export of it, and Retry / Re-export. */
export function ExportPage({ id }: { id: string }) {
  const query = useExport(id);
  return (
    <QueryState query={query} label="the export">
      {(view) => <ExportDetail view={view} />}
    </QueryState>
  );
}

function ExportDetail({ view }: { view: WholesaleExportDetail }) {
  const { user } = useSession();
  const stores = useStores();
  const storeNames = useMemo(() => new Map((stores.data ?? []).map((s) => [s.id, s.name])), [stores.data]);
  const [confirming, setConfirming] = useState(false);
  const reExport = useReExport();
  const retry = useRetryExport();
  const actions = exportActions(view, view.history, user?.role);
  const row = exportRow(view, storeNames);
  const source = sourceOrderSummary(view.sourceOrder);

  return (
    <>
      <PageHeader
        title={`JOOR order ${view.sourceOrderId}`}
        description={`${row.generation} · ${row.storeName} → ${storeNames.get(view.targetStoreId) ?? 'Shopify'}`}
        actions={
          <>
            <Anchor component={Link} href="/exports" size="sm">
              All exports
            </Anchor>
            {actions.retry && (
              <Button onClick={() => retry.mutate(view.id)} loading={retry.isPending}>
                Retry
              </Button>
            )}
            {actions.reExport && (
              <Button
                variant="default"
                onClick={() => {
                  reExport.reset();
                  setConfirming(true);
                }}
              >
                Re-export
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        {retry.isError && <ErrorAlert error={retry.error} title="Could not retry the export" />}
        {retry.isSuccess && (
          <Alert
            styles={READABLE_ALERT_STYLES}
            color="green"
            title="Retry scheduled"
            role="status"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => retry.reset()}
          >
            The export is due now; the worker tries it within seconds.
          </Alert>
        )}
        {reExport.isSuccess && (
          <Alert styles={READABLE_ALERT_STYLES} color="green" title="Re-export requested" role="status">
            {generationLabel(reExport.data.generation)} is {reExport.data.status.replace(/_/g, ' ')}.{' '}
            {reExport.data.id !== view.id && (
              <Anchor component={Link} href={`/exports/${reExport.data.id}`}>
                Open the new export
              </Anchor>
            )}
          </Alert>
        )}

        {view.failure && (
          <Alert styles={READABLE_ALERT_STYLES} color="red" title={`Export failed: ${row.failureLabel ?? 'unknown reason'}`}>
            <Text size="sm">{row.problem}</Text>
            {row.retryPolicy && (
              <Text size="sm" mt={4}>
                {row.retryPolicy}.
              </Text>
            )}
          </Alert>
        )}
        {view.note && (
          <Alert styles={READABLE_ALERT_STYLES} color="yellow" title="Waiting">
            {view.note}
          </Alert>
        )}

        <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
          <LabelledValue label="State">
            <StatusBadge status={view.status} />
          </LabelledValue>
          <LabelledValue label="Shopify order">{row.shopifyOrder}</LabelledValue>
          <LabelledValue label="Export">{row.generation}</LabelledValue>
          <LabelledValue label="Origin">{view.origin}</LabelledValue>
          <LabelledValue label="Requested by">{view.requestedBy ?? '—'}</LabelledValue>
          <LabelledValue label="Attempts">{view.attempts}</LabelledValue>
          <LabelledValue label="Created">{dateTime(view.createdAt)}</LabelledValue>
          <LabelledValue label="Exported">{dateTime(view.exportedAt)}</LabelledValue>
          <LabelledValue label="Marked on JOOR">{dateTime(view.markedAt)}</LabelledValue>
          <LabelledValue label="Next attempt">{dateTime(view.dueAt)}</LabelledValue>
          <LabelledValue label="Failure mailed">{dateTime(view.alertedAt)}</LabelledValue>
          <LabelledValue label="Replaces Shopify order">{view.supersedesOrderId ?? '—'}</LabelledValue>
        </SimpleGrid>

        <Title order={2} size="h4">
          History
        </Title>
        <Table.ScrollContainer minWidth={720} type="native" tabIndex={0} role="region" aria-label="Export history, scrollable">
          <Table aria-label="Export history" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Export</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Shopify order</Table.Th>
                <Table.Th>Failure or note</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Exported</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.history.map((earlier) => {
                const h = exportRow(earlier, storeNames);
                return (
                  <Table.Tr key={h.id}>
                    <Table.Td>
                      {h.id === view.id ? (
                        <Text size="sm" fw={600}>
                          {h.generation} (this one)
                        </Text>
                      ) : (
                        <Anchor component={Link} href={`/exports/${h.id}`} size="sm">
                          {h.generation}
                        </Anchor>
                      )}
                    </Table.Td>
                    <Table.Td miw={130} style={{ whiteSpace: 'nowrap' }}>
                      <StatusBadge status={h.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{h.shopifyOrder}</Table.Td>
                    <Table.Td>{h.problem ?? '—'}</Table.Td>
                    <Table.Td>{dateTime(h.createdAt)}</Table.Td>
                    <Table.Td>{dateTime(h.exportedAt)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>

        <Title order={2} size="h4">
          JOOR order as last read
        </Title>
        {source ? (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <LabelledValue label="PO number">{source.poNumber ?? '—'}</LabelledValue>
              <LabelledValue label="Customer">{source.customer ?? '—'}</LabelledValue>
              <LabelledValue label="Currency">{source.currency ?? '—'}</LabelledValue>
            </SimpleGrid>
            <Table.ScrollContainer minWidth={560} type="native" tabIndex={0} role="region" aria-label="JOOR order lines, scrollable">
              <Table aria-label="JOOR order lines" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>SKU</Table.Th>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Quantity</Table.Th>
                    <Table.Th>Unit price</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {source.lines.map((line) => (
                    <Table.Tr key={line.key}>
                      <Table.Td>{line.sku}</Table.Td>
                      <Table.Td>{line.name}</Table.Td>
                      <Table.Td>{line.quantity ?? '—'}</Table.Td>
                      <Table.Td>{line.unitPrice ? `${line.unitPrice} ${source.currency ?? ''}` : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ) : (
          <Text size="sm" c="gray.7">
            Not read yet (a re-export reads it when it runs).
          </Text>
        )}
      </Stack>

      <ReExportModal
        view={view}
        opened={confirming}
        onClose={() => setConfirming(false)}
        pending={reExport.isPending}
        error={reExport.error}
        onConfirm={() => reExport.mutate(view.id, { onSuccess: () => setConfirming(false) })}
      />
    </>
  );
}
