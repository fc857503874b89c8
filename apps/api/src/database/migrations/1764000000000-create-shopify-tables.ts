import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Shopify: webhook inbox, location → warehouse mappings, variant → product mappings. */
export class CreateShopifyTables1764000000000 implements MigrationInterface {
  name = 'CreateShopifyTables1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_inbox (
        id bigserial PRIMARY KEY,
        channel text NOT NULL,
        webhook_id text NOT NULL,
        topic text NOT NULL,
        shop_domain text NOT NULL,
        store_id uuid REFERENCES store (id),
        -- The exact bytes Shopify signed, as text: ids beyond 2^53 must never pass through JSON numbers.
        raw_body text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        outcome text,
        CONSTRAINT webhook_inbox_delivery_key UNIQUE (channel, webhook_id)
      );
      CREATE INDEX webhook_inbox_unprocessed_idx ON webhook_inbox (id) WHERE processed_at IS NULL;
      CREATE INDEX webhook_inbox_store_idx ON webhook_inbox (store_id, received_at);

      CREATE TABLE shopify_location_mapping (
        store_id uuid NOT NULL REFERENCES store (id),
        location_id text NOT NULL,
        warehouse_id uuid NOT NULL REFERENCES warehouse (id),
        shipping_process_id uuid NOT NULL REFERENCES shipping_process (id),
        is_default boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (store_id, location_id),
        -- One warehouse behind two locations of one store would sell the same stock twice.
        CONSTRAINT shopify_location_mapping_warehouse_key UNIQUE (store_id, warehouse_id)
      );
      CREATE UNIQUE INDEX shopify_location_mapping_default_idx ON shopify_location_mapping (store_id) WHERE is_default;

      CREATE TABLE product_mapping (
        id bigserial PRIMARY KEY,
        store_id uuid NOT NULL REFERENCES store (id),
        product_id uuid NOT NULL REFERENCES product (id),
        shopify_product_id text NOT NULL,
        shopify_variant_id text NOT NULL,
        inventory_item_id text,
        sku text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT product_mapping_variant_key UNIQUE (store_id, shopify_variant_id),
        CONSTRAINT product_mapping_product_key UNIQUE (store_id, product_id)
      );
      CREATE INDEX product_mapping_inventory_item_idx ON product_mapping (store_id, inventory_item_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE product_mapping; DROP TABLE shopify_location_mapping; DROP TABLE webhook_inbox;`);
  }
}
