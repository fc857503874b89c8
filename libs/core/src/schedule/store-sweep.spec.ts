import type { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { sweepStores } from './store-sweep';

describe('sweepStores', () => {
  it('reconciles each selected store in turn; one failing does not stop the others', async () => {
    const queries: string[] = [];
    const dataSource = {
      query: (sql: string) => {
        queries.push(sql);
        return Promise.resolve([
          { id: 's1', name: 'One' },
          { id: 's2', name: 'Two' },
          { id: 's3', name: 'Three' },
        ]);
      },
    } as unknown as DataSource;
    const warn = jest.fn();
    const done: string[] = [];
    await sweepStores(dataSource, { warn } as unknown as Logger, 'order reconciliation', `settings ? 'orderFilters'`, (id) => {
      if (id === 's2') {
        return Promise.reject(new Error('Shopify answered HTTP 503'));
      }
      done.push(id);
      return Promise.resolve();
    });
    expect(done).toEqual(['s1', 's3']);
    expect(warn).toHaveBeenCalledWith('order reconciliation of Two failed: Shopify answered HTTP 503');
    expect(queries[0]).toContain(`WHERE status = 'connected' AND (settings ? 'orderFilters') ORDER BY created_at`);
  });
});
