import { Suspense } from 'react';
import { Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'wouter';
import { lazyWithStyles } from '../../app/lazy-with-styles';
import { useSession } from '../../auth/session-context';
import { dateTime, relativeTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { QueryState } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { channelLabel, displayStatus, statusHint, stockSyncSummary } from './store-view';
import { useStores, type Store } from './stores.api';
import classes from './stores-table.module.css';

// The Add Store forms (selects, radios, validation) load when the button is pressed, not with the landing page.
const AddStoreModal = lazyWithStyles(() => import('./add-store-modal').then((m) => m.AddStoreModal));

/** Every store with its status, stock sync, warnings and last activity; integration managers add stores here. */
export function StoresPage() {
  const session = useSession();
  const stores = useStores();
  const [adding, { open, close }] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title="Stores"
        description="Each connection of a channel account: its status, stock sync and what stands in its way."
        actions={session.can('integration_manager') && <Button onClick={open}>+ Add Store</Button>}
      />
      <QueryState query={stores} label="stores">
        {(list) =>
          list.length === 0 ? (
            <Text>
              No stores yet.{session.can('integration_manager') ? ' Add a store to connect a Shopify shop or a JOOR account.' : ''}
            </Text>
          ) : (
            <div className={classes.scroll} tabIndex={0} role="region" aria-label="Stores, scrollable">
              <table className={classes.table} aria-label="Stores">
                <thead>
                  <tr>
                    <th>Store</th>
                    <th>Channel</th>
                    <th>Status</th>
                    <th>Stock sync</th>
                    <th>Warnings</th>
                    <th>Last activity</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((store) => (
                    <StoreRow key={store.id} store={store} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {adding && (
        <Suspense fallback={null}>
          <AddStoreModal opened={adding} onClose={close} />
        </Suspense>
      )}
    </>
  );
}

function StoreRow({ store }: { store: Store }) {
  const status = displayStatus(store);
  const sync = stockSyncSummary(store.stockSync);
  return (
    <tr>
      <td>
        <Link href={`/stores/${store.id}`} className={classes.name}>
          {store.name}
        </Link>
        {store.externalAccountId !== store.name && <div className={classes.hint}>{store.externalAccountId}</div>}
      </td>
      <td>{channelLabel(store.channel)}</td>
      <td title={statusHint(status)}>
        <StatusBadge status={status} />
      </td>
      <td className={classes.narrow}>
        {sync.state ? (
          <>
            <StatusBadge status={sync.state} />
            {sync.state !== 'live' && <div className={classes.hint}>{sync.text}</div>}
          </>
        ) : (
          <span className={classes.muted}>—</span>
        )}
      </td>
      <td className={classes.wide}>
        {store.warnings.length === 0 ? (
          <span className={classes.muted}>None</span>
        ) : (
          <ul className={classes.warnings}>
            {store.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        )}
      </td>
      <td title={dateTime(store.lastActivityAt)}>{store.lastActivityAt ? relativeTime(store.lastActivityAt) : 'No activity yet'}</td>
    </tr>
  );
}
