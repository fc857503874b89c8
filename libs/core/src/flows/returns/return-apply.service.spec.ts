import type { ChannelReturn, ChannelReturnLine } from '../../channel/channel-adapter.interface';
import type { ChannelLocationMapping } from '../../mapping/channel-location-mapping.service';
import { ReturnApplyService } from './return-apply.service';

const LOC_A = 'gid://shopify/Location/1';
const LOC_B = 'gid://shopify/Location/2';
const LOC_C = 'gid://shopify/Location/3';
const LOC_UNMAPPED = 'gid://shopify/Location/99';

const mapping = (channelLocationId: string, warehouseId: string, isDefault = false): ChannelLocationMapping => ({
  channelLocationId,
  warehouseId,
  shippingProcessId: `sp-${warehouseId}`,
  isDefault,
});

const line = (externalLineId: string, channelLocationId: string | null): ChannelReturnLine => ({
  externalLineId,
  orderLineExternalId: `order-line-${externalLineId}`,
  sku: 'SKU-1',
  quantity: 1,
  reason: null,
  note: null,
  channelLocationId,
});

const returnOf = (...lines: ChannelReturnLine[]): ChannelReturn => ({
  externalId: 'gid://shopify/Return/1',
  externalName: '#1001-R1',
  orderExternalId: 'gid://shopify/Order/1',
  status: 'open',
  lines,
  disposal: [],
});

describe('ReturnApplyService.destination', () => {
  const mappings = [mapping(LOC_A, 'WH-A', true), mapping(LOC_B, 'WH-B'), mapping(LOC_C, 'WH-C')];

  it('sends the goods to the warehouse of the mapped location the lines were fulfilled from', () => {
    expect(ReturnApplyService.destination(returnOf(line('R1', LOC_B)), mappings, [{ warehouseId: 'WH-C' }])).toEqual({
      warehouseId: 'WH-B',
      channelLocationId: LOC_B,
    });
  });

  it('takes the first line whose location is mapped', () => {
    const read = returnOf(line('R1', LOC_UNMAPPED), line('R2', null), line('R3', LOC_C), line('R4', LOC_B));

    expect(ReturnApplyService.destination(read, mappings, [{ warehouseId: 'WH-A' }])).toEqual({
      warehouseId: 'WH-C',
      channelLocationId: LOC_C,
    });
  });

  it('falls back to the warehouse the order went to, restocked at a location mapped to it', () => {
    const read = returnOf(line('R1', LOC_UNMAPPED));

    expect(ReturnApplyService.destination(read, mappings, [{ warehouseId: 'WH-B' }, { warehouseId: 'WH-C' }])).toEqual({
      warehouseId: 'WH-B',
      channelLocationId: LOC_B,
    });
  });

  it('falls back to the order link also for lines without a known location', () => {
    expect(ReturnApplyService.destination(returnOf(line('R1', null)), mappings, [{ warehouseId: 'WH-C' }])).toEqual({
      warehouseId: 'WH-C',
      channelLocationId: LOC_C,
    });
  });

  it('has no channel location to restock at when no location is mapped to the order’s warehouse', () => {
    expect(ReturnApplyService.destination(returnOf(line('R1', LOC_UNMAPPED)), mappings, [{ warehouseId: 'WH-Z' }])).toEqual({
      warehouseId: 'WH-Z',
      channelLocationId: null,
    });
  });

  it('goes to the store’s default when the order has no links', () => {
    const withDefaultLast = [mapping(LOC_B, 'WH-B'), mapping(LOC_C, 'WH-C', true)];

    expect(ReturnApplyService.destination(returnOf(line('R1', LOC_UNMAPPED)), withDefaultLast, [])).toEqual({
      warehouseId: 'WH-C',
      channelLocationId: LOC_C,
    });
  });

  it('goes to the store’s default for a return without lines and without links', () => {
    expect(ReturnApplyService.destination(returnOf(), mappings, [])).toEqual({ warehouseId: 'WH-A', channelLocationId: LOC_A });
  });

  it('has no destination without mappings and without links', () => {
    expect(ReturnApplyService.destination(returnOf(line('R1', LOC_A)), [], [])).toBeNull();
  });

  it('has no destination when nothing is mapped, there are no links and no mapping is the default', () => {
    expect(ReturnApplyService.destination(returnOf(line('R1', LOC_UNMAPPED)), [mapping(LOC_B, 'WH-B')], [])).toBeNull();
  });

  it('without mappings, still names the order’s warehouse but no channel location to restock at', () => {
    expect(ReturnApplyService.destination(returnOf(line('R1', LOC_A)), [], [{ warehouseId: 'WH-A' }])).toEqual({
      warehouseId: 'WH-A',
      channelLocationId: null,
    });
  });
});
