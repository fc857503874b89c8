import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../ui/query-state';
import { normaliseShopDomain, shopDomainProblem } from './shop-domain';
import { fieldText } from './store-view';
import { useConnectShopify } from './stores.api';

/**
 * Asks for the shop domain, then sends the browser to Shopify's install page; Shopify's redirect back lands on the
 * store's page. Also reconnects: the same request for a known shop keeps its store, mappings and settings.
 */
export function ShopifyConnectForm({ initialDomain = '', onCancel }: { initialDomain?: string; onCancel: () => void }) {
  const [domain, setDomain] = useState(initialDomain);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(null);
  const [redirecting, setRedirecting] = useState(false);
  const connect = useConnectShopify();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const local = shopDomainProblem(domain);
    setProblem(local ?? undefined);
    if (local) {
      return;
    }
    try {
      const { authorizeUrl } = await connect.mutateAsync({ shopDomain: domain.trim() });
      setRedirecting(true);
      window.location.assign(authorizeUrl);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldMessages() : {};
      const onField = fieldText('shopDomain', 'Shop domain', fields);
      setProblem(onField);
      // A sentence not about the field (plugin inactive, Shopify not configured) goes above the form.
      setFailure(onField && Object.keys(fields).length === 1 ? null : error);
    }
  };

  const normalised = normaliseShopDomain(domain);
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Connect a Shopify shop" noValidate>
      <Stack>
        {failure !== null && <ErrorAlert error={failure} title="Could not start connecting the shop" />}
        <TextInput
          label="Shop domain"
          description="your-store.myshopify.com, the shop name, or a Shopify admin URL"
          placeholder="your-store.myshopify.com"
          required
          autoComplete="off"
          data-autofocus
          value={domain}
          error={problem}
          onChange={(e) => {
            setDomain(e.currentTarget.value);
            setProblem(undefined);
          }}
        />
        {normalised && normalised !== domain.trim() && (
          <Text size="sm" c="gray.7">
            Connects {normalised}
          </Text>
        )}
        <Text size="sm">
          Shopify asks you to install the app on the shop; once you click Install, you come back to the store&apos;s page here.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={connect.isPending || redirecting}>
            Continue to Shopify
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
