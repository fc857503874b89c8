import { CreateWarehouse1765000001000 } from './1765000001000-create-warehouse';

/** The warehouse's migrations, in order. */
export const WMS_MIGRATIONS = [CreateWarehouse1765000001000];
