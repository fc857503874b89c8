import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fulfillment engine's state: one row per warehouse shipment of a channel order, with what the channel should show
 * (lines, tracking), the fulfillments it created there, and the one create in flight (written before it is sent, so an
 * unknown outcome is settled by reading the channel, never by sending again). Shipment and order ids are the WMS's:
 * no foreign keys across libs.
 */
export class CreateFulfillmentPush1765000000300 implements MigrationInterface {
  name = 'CreateFulfillmentPush1765000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fulfillment_push (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        store_id uuid NOT NULL REFERENCES store (id) ON DELETE CASCADE,
        shipment_id uuid NOT NULL,
        warehouse_order_id uuid NOT NULL,
        channel_order_id uuid NOT NULL REFERENCES channel_order (id) ON DELETE CASCADE,
        order_external_id text NOT NULL,
        -- [{externalLineId, quantity}]: what the shipment holds, in the channel's line ids.
        lines jsonb NOT NULL,
        -- {carrier, numbers, urls}; the version counts changes, the pushed version what the channel shows.
        tracking jsonb NOT NULL,
        tracking_version int NOT NULL DEFAULT 1,
        pushed_tracking_version int NOT NULL DEFAULT 0,
        -- pending | pushed | held | skipped | failed
        state text NOT NULL DEFAULT 'pending',
        reason text,
        -- The fulfillments made for it: [{externalId, channelLocationId, lines: [{allocationId, allocationLineId, externalLineId, quantity}], at}].
        fulfillments jsonb NOT NULL DEFAULT '[]',
        -- The create being sent ({channelLocationId, trackingNumbers, lines, sentAt}); set means its outcome is unknown.
        in_flight jsonb,
        read_wanted boolean NOT NULL DEFAULT false,
        due_at timestamptz,
        leased_until timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        pushed_at timestamptz,
        CONSTRAINT fulfillment_push_shipment_key UNIQUE (shipment_id)
      );
      CREATE INDEX fulfillment_push_due_idx ON fulfillment_push (due_at) WHERE due_at IS NOT NULL;
      CREATE INDEX fulfillment_push_order_idx ON fulfillment_push (store_id, order_external_id);
      CREATE INDEX fulfillment_push_state_idx ON fulfillment_push (store_id, state, updated_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fulfillment_push`);
  }
}
