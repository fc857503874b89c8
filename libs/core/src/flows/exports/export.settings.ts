import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
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
@ApiSchema({ description: 'The default tax of orders billed to one country.' })
export class ExportTaxRate {
  /** ISO 3166-1 alpha-2, upper case. */
  @ApiProperty({ description: 'The billing country, ISO 3166-1 alpha-2 in upper case', pattern: '^[A-Z]{2}$', example: 'DE' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be an ISO 3166-1 alpha-2 code, e.g. "DE"' })
  countryCode!: string;

  @ApiProperty({ description: "The tax line's title on the exported order", minLength: 1, maxLength: 100, example: 'MwSt' })
  @IsString()
  @Length(1, 100)
  title!: string;

  /** A fraction: 0.19 for 19 %. */
  @ApiProperty({
    description: 'The rate as a decimal fraction in a string: "0.19" for 19 %',
    pattern: '^(0(\\.\\d{1,6})?|1(\\.0{1,6})?)$',
    example: '0.19',
  })
  @IsString()
  @Matches(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, { message: 'rate must be a decimal fraction between 0 and 1, e.g. "0.19"' })
  rate!: string;
}

/** What the export engine reads of a wholesale store's settings; the channel's settings class extends it. */
@ApiSchema({ description: 'What the export engine reads of a wholesale store (JOOR orders exported to its Shopify store).' })
export class WholesaleExportSettings {
  /** Minutes between scheduled exports; never shorter than the default. */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: EXPORT_MIN_INTERVAL_MINUTES,
    maximum: 1440,
    description: `Minutes between scheduled exports (fetch approved orders, export the new ones): at least ${EXPORT_MIN_INTERVAL_MINUTES}, at most a day`,
    default: EXPORT_MIN_INTERVAL_MINUTES,
    example: 30,
  })
  @IsInt()
  @Min(EXPORT_MIN_INTERVAL_MINUTES)
  @Max(1440)
  intervalMinutes = EXPORT_MIN_INTERVAL_MINUTES;

  /** Create exported orders as fulfilled (without a location: fulfilled wherever the sink assigns them). */
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Create the exported orders as fulfilled (without locationId: fulfilled wherever the sink assigns them)',
    default: false,
    example: false,
  })
  @IsBoolean()
  syncAsFulfilled = false;

  /** The sink location orders are assigned to; this also fulfils them. null: the sink's own assignment. */
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    description:
      "The sink location exported orders are assigned to (a Shopify Location GID); it also fulfils them. null: the sink's own assignment",
    default: null,
    example: 'gid://shopify/Location/1',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  locationId: string | null = null;

  /**
   * How the sink holds stock for exported orders. Anything but `bypass` also requires every unit to be available on the
   * sink before the order is exported.
   */
  @ApiPropertyOptional({
    enum: EXPORT_INVENTORY_BEHAVIOURS,
    description:
      "How the sink holds stock for exported orders (Shopify's inventoryBehaviour): decrement_ignoring_policy / decrement_obeying_policy " +
      'decrement it (and then every unit must be available on the sink before the order is exported); bypass leaves stock alone',
    default: 'decrement_ignoring_policy',
    example: 'decrement_ignoring_policy',
  })
  @IsIn(EXPORT_INVENTORY_BEHAVIOURS)
  inventoryBehaviour: ExportInventoryBehaviour = 'decrement_ignoring_policy';

  /** Default tax per billing country; orders billed elsewhere carry no tax line. */
  @ApiPropertyOptional({
    type: [ExportTaxRate],
    maxItems: 250,
    description: 'The default tax per billing country; orders billed elsewhere carry no tax line',
    default: [],
    example: [{ countryCode: 'DE', title: 'MwSt', rate: '0.19' }],
  })
  @IsArray()
  @ArrayMaxSize(250)
  @ValidateNested({ each: true })
  @Type(() => ExportTaxRate)
  taxByCountry: ExportTaxRate[] = [];

  /** Which facts of the wholesale order are added to the note, in this order. */
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', enum: [...EXPORT_NOTE_FIELDS] },
    description: "Which facts of the wholesale order are written into the exported order's note, in this order",
    default: ['paymentTerms', 'shippingMethod', 'linesheet', 'shipWindow'],
    example: ['paymentTerms', 'shippingMethod', 'linesheet', 'shipWindow'],
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(EXPORT_NOTE_FIELDS, { each: true })
  noteFields: string[] = ['paymentTerms', 'shippingMethod', 'linesheet', 'shipWindow'];

  /** Who receives the digest of failed exports (one mail per run). */
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'email' },
    maxItems: 20,
    description: 'Who receives the digest of failed exports (at most one mail per run)',
    default: [],
    example: ['wholesale@example.com'],
  })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true })
  alertEmails: string[] = [];
}
