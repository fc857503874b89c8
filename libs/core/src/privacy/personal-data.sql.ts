/**
 * SQL expressions that redact personal data inside JSON documents, shared by every lib so that a redacted address looks
 * the same everywhere: only the country stays (it names no one, and customs and reports still need it), with
 * `redacted: true`. Each takes a jsonb expression and leaves JSON null and absent values as they are.
 */
export function redactedAddressSql(address: string): string {
  return `(CASE WHEN jsonb_typeof(${address}) = 'object'
    THEN jsonb_strip_nulls(jsonb_build_object('country', ${address}->'country', 'countryCode', ${address}->'countryCode', 'redacted', true))
    ELSE ${address} END)`;
}

/** A channel order's snapshot (`ChannelOrder`) without its shipping address's personal fields. */
export function redactedChannelOrderSql(snapshot: string): string {
  return `(CASE WHEN ${snapshot} ? 'shippingAddress'
    THEN jsonb_set(${snapshot}, '{shippingAddress}', coalesce(${redactedAddressSql(`${snapshot}->'shippingAddress'`)}, 'null'::jsonb))
    ELSE ${snapshot} END)`;
}

/** Every element of a JSON array with the given keys set to null (e.g. the customer's words on return lines). */
export function nulledInArraySql(array: string, keys: string[]): string {
  const patch = `jsonb_build_object(${keys.map((k) => `'${k}', null`).join(', ')})`;
  return `(CASE WHEN jsonb_typeof(${array}) = 'array'
    THEN (SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(e) = 'object' THEN e || ${patch} ELSE e END ORDER BY n), '[]'::jsonb)
            FROM jsonb_array_elements(${array}) WITH ORDINALITY AS x(e, n))
    ELSE ${array} END)`;
}

/** A channel return's snapshot (`ChannelReturn`) without the customer's words on its lines. */
export function redactedChannelReturnSql(snapshot: string): string {
  return `(CASE WHEN ${snapshot} ? 'lines' THEN jsonb_set(${snapshot}, '{lines}', ${nulledInArraySql(`${snapshot}->'lines'`, ['note'])}) ELSE ${snapshot} END)`;
}
