import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ExportInventoryBehaviour } from '../../channel/channel-adapter.interface';

/** The shortest interval between scheduled exports: the source's own integration never polls more often. */
export const EXPORT_MIN_INTERVAL_MINUTES = 15;

export const EXPORT_INVENTORY_BEHAVIOURS: readonly ExportInventoryBehaviour[] = [
  'decrement_ignoring_policy',
  'decrement_obeying_policy',
  'bypass',
];

/** Facts of a wholesale order that may enrich the exported order's note, in the order they are listed. */
export const EXPORT_NOTE_FIELDS = [
  'paymentTerms',
  'shippingMethod',
  'linesheet',
  'shipWindow',
  'season',
  'salesRep',
  'customerPo',
  'warehouse',
  'customerCode',
] as const;

/** The default tax of orders billed to one country. */
export class ExportTaxRate {
  /** ISO 3166-1 alpha-2, upper case. */
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code, e.g. "DE"' })
  countryCode!: string;

  @IsString()
  @Length(1, 100)
  title!: string;

  /** A fraction: 0.19 for 19 %. */
  @IsString()
  @Matches(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, { message: 'rate must be a decimal fraction between 0 and 1, e.g. "0.19"' })
  rate!: string;
}

/** What the export engine reads of a wholesale store's settings; the channel's settings class extends it. */
export class WholesaleExportSettings {
  /** Minutes between scheduled exports; never shorter than the default. */
  @IsInt()
  @Min(EXPORT_MIN_INTERVAL_MINUTES)
  @Max(1440)
  intervalMinutes = EXPORT_MIN_INTERVAL_MINUTES;

  /** Create exported orders as fulfilled (without a location: fulfilled wherever the sink assigns them). */
  @IsBoolean()
  syncAsFulfilled = false;

  /** The sink location orders are assigned to; this also fulfils them. null: the sink's own assignment. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  locationId: string | null = null;

  /**
   * How the sink holds stock for exported orders. Anything but `bypass` also requires every unit to be available on the
   * sink before the order is exported.
   */
  @IsIn(EXPORT_INVENTORY_BEHAVIOURS)
  inventoryBehaviour: ExportInventoryBehaviour = 'decrement_ignoring_policy';

  /** Default tax per billing country; orders billed elsewhere carry no tax line. */
  @IsArray()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Type(() => ExportTaxRate)
  taxByCountry: ExportTaxRate[] = [];

  /** Which facts of the wholesale order are added to the note, in this order. */
  @IsArray()
  @ArrayUnique()
  @IsIn(EXPORT_NOTE_FIELDS, { each: true })
  noteFields: string[] = ['paymentTerms', 'shippingMethod', 'linesheet', 'shipWindow'];

  /** Who receives the digest of failed exports (one mail per run). */
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  alertEmails: string[] = [];
}
