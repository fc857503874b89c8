import { parse, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { AdminSchemaLoader } from './admin-schema.loader';
import { VariableCoercer } from './variable-coercer';

// The fast path must be indistinguishable from graphql-js's coercion, for good and bad input alike.
describe('VariableCoercer', () => {
  const admin = AdminSchemaLoader.load('2026-07');
  if (!admin) {
    throw new Error('Admin schema 2026-07 missing');
  }
  const schema = admin.schema;
  const defs = (query: string) => (parse(query).definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];
  const same = (query: string, variables: Record<string, unknown>) => {
    const expected = getVariableValues(schema, defs(query), variables);
    const actual = VariableCoercer.coerce(schema, defs(query), variables);
    expect(actual).toEqual(expected);
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    return actual;
  };
  const SET = 'mutation($input: InventorySetQuantitiesInput!, $key: String!, $n: Int = 7, $ids: [ID!]) { shop { id } }';
  const line = (i: number) => ({
    inventoryItemId: `gid://shopify/InventoryItem/${i}`,
    locationId: 'gid://shopify/Location/1',
    quantity: i,
    changeFromQuantity: null,
  });

  it('coerces well-formed input exactly like graphql-js (defaults, ID from Int, single value as list)', () => {
    const out = same(SET, { key: 'k', ids: 5, input: { name: 'available', reason: 'correction', quantities: [line(1), line(2)] } });
    expect(out.coerced).toMatchObject({ n: 7, ids: ['5'] });
  });

  it.each([
    ['unknown field', { key: 'k', input: { name: 'available', reason: 'correction', quantities: [{ ...line(1), bogus: 1 }] } }],
    ['missing required field', { key: 'k', input: { name: 'available', quantities: [line(1)] } }],
    ['wrong scalar', { key: 'k', input: { name: 'available', reason: 'correction', quantities: [{ ...line(1), quantity: 'ten' }] } }],
    ['null for non-null', { key: null, input: { name: 'available', reason: 'correction', quantities: [] } }],
    ['missing variable', { input: { name: 'available', reason: 'correction', quantities: [] } }],
    ['object expected', { key: 'k', input: [1] }],
  ])("reports %s with graphql-js's own errors", (_name, variables) => {
    const out = same(SET, variables);
    expect(out.errors?.length).toBeGreaterThan(0);
  });

  it('coerces enums like graphql-js', () => {
    same('query($s: ProductStatus) { shop { id } }', { s: 'ACTIVE' });
    same('query($s: ProductStatus) { shop { id } }', { s: 'NOPE' });
  });
});
