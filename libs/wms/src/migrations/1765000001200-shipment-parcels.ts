import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A shipment may leave in several parcels, each with its tracking; tracking can change after the shipment. */
export class ShipmentParcels1765000001200 implements MigrationInterface {
  name = 'ShipmentParcels1765000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE shipment ADD COLUMN parcels jsonb NOT NULL DEFAULT '[]';
      UPDATE shipment SET parcels = jsonb_build_array(jsonb_build_object('trackingNumber', tracking_number, 'trackingUrl', tracking_url));
      ALTER TABLE shipment ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipment DROP COLUMN parcels; ALTER TABLE shipment DROP COLUMN updated_at;`);
  }
}
