import { CreateWarehouseCore1763800000000 } from './1763800000000-create-warehouse-core';

/** Every migration, in order. Listed explicitly so builds and bundles never depend on globbing. */
export const MIGRATIONS = [CreateWarehouseCore1763800000000];
