import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../ui/query-state';
import { reExportOrderName } from './export-rows';
import type { WholesaleExport } from './exports.api';
import { READABLE_ALERT_STYLES } from '../orders/readable-alert';

interface ReExportModalProps {
  view: WholesaleExport;
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  pending: boolean;
  error: unknown;
}

/** Asks before a re-export: it creates another Shopify order, never changes the one there, and needs that one cancelled. */
export function ReExportModal({ view, opened, onClose, onConfirm, pending, error }: ReExportModalProps) {
  const previous = view.sinkOrder ? (view.sinkOrder.name ?? view.sinkOrder.id) : null;
  const stillLive = error instanceof ApiError && error.status === 409;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Re-export JOOR order ${view.sourceOrderId}?`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="sm">
        <Text size="sm">
          This creates a <strong>new</strong> Shopify order, <strong>{reExportOrderName(view)}</strong>, from the JOOR order as it is now.
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            The existing Shopify order{previous ? ` ${previous}` : ''} is not updated or cancelled by Gantry: cancel it in Shopify first, or
            both orders would ship.
          </List.Item>
          <List.Item>While it is not cancelled, the re-export is refused and nothing is created.</List.Item>
          <List.Item>The export history keeps every earlier export.</List.Item>
        </List>
        {error !== null &&
          (stillLive ? (
            <Alert styles={READABLE_ALERT_STYLES} color="orange" title="Not re-exported" role="alert">
              {error.message}
            </Alert>
          ) : (
            <ErrorAlert error={error} title="Not re-exported" />
          ))}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={onConfirm} loading={pending}>
            Re-export as {reExportOrderName(view)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
