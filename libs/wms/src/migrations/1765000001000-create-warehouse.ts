import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The warehouse: warehouses, shipping processes, products, the stock ledger and levels, orders, shipments, returns. */
export class CreateWarehouse1765000001000 implements MigrationInterface {
  name = 'CreateWarehouse1765000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE warehouse (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE shipping_process (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        code text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (warehouse_id, code)
      );

      CREATE TABLE product (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sku text NOT NULL UNIQUE,
        barcode text,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX product_barcode_idx ON product (barcode) WHERE barcode IS NOT NULL;

      CREATE TABLE stock_level (
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        product_id uuid NOT NULL REFERENCES product (id),
        on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        version bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (warehouse_id, product_id)
      );
      CREATE INDEX stock_level_product_idx ON stock_level (product_id);

      CREATE TYPE movement_type AS ENUM ('receipt', 'pick', 'adjustment', 'transfer');
      CREATE TABLE stock_movement (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        type movement_type NOT NULL,
        product_id uuid NOT NULL REFERENCES product (id),
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        quantity integer NOT NULL CHECK (quantity <> 0),
        on_hand_after integer NOT NULL,
        reference text,
        transfer_id uuid,
        order_id uuid,
        source_store_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX stock_movement_level_idx ON stock_movement (warehouse_id, product_id, id);

      CREATE TYPE order_status AS ENUM ('open', 'partially_shipped', 'shipped', 'cancelled');
      CREATE TABLE outbound_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid,
        external_id text,
        external_number text,
        reference text,
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        shipping_process_id uuid REFERENCES shipping_process (id),
        status order_status NOT NULL DEFAULT 'open',
        shipping_address jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX outbound_order_external_idx ON outbound_order (store_id, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX outbound_order_status_idx ON outbound_order (status, created_at);

      CREATE TABLE order_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES outbound_order (id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES product (id),
        sku text NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        shipped_quantity integer NOT NULL DEFAULT 0 CHECK (shipped_quantity >= 0 AND shipped_quantity <= quantity),
        reserved_quantity integer NOT NULL DEFAULT 0 CHECK (reserved_quantity >= 0),
        external_line_id text
      );
      CREATE INDEX order_line_order_idx ON order_line (order_id);

      CREATE TABLE shipment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES outbound_order (id),
        carrier text NOT NULL,
        tracking_number text NOT NULL,
        tracking_url text,
        lines jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX shipment_order_idx ON shipment (order_id);

      CREATE TYPE return_status AS ENUM ('open', 'partially_received', 'received');
      CREATE TABLE customer_return (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid REFERENCES outbound_order (id),
        store_id uuid,
        external_id text,
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        reason text,
        status return_status NOT NULL DEFAULT 'open',
        lines jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX customer_return_external_idx ON customer_return (store_id, external_id) WHERE external_id IS NOT NULL;

      -- Per level version, the part of the change in available that one store's orders caused: delta sync must not
      -- send it back to that store (its channel counted the sale already). Kept with the ledger, not in the outbox,
      -- so a store that waits weeks (e.g. for re-authorisation) still subtracts its own orders exactly once.
      CREATE TABLE stock_store_effect (
        warehouse_id uuid NOT NULL,
        product_id uuid NOT NULL,
        version bigint NOT NULL,
        store_id uuid NOT NULL,
        available_delta integer NOT NULL,
        PRIMARY KEY (warehouse_id, product_id, version, store_id),
        FOREIGN KEY (warehouse_id, product_id) REFERENCES stock_level (warehouse_id, product_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE stock_store_effect;
      DROP TABLE customer_return;
      DROP TYPE return_status;
      DROP TABLE shipment;
      DROP TABLE order_line;
      DROP TABLE outbound_order;
      DROP TYPE order_status;
      DROP TABLE stock_movement;
      DROP TYPE movement_type;
      DROP TABLE stock_level;
      DROP TABLE product;
      DROP TABLE shipping_process;
      DROP TABLE warehouse;
    `);
  }
}
