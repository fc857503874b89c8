/**
 * The text GET /orders?q= searches, as SQL. The trigram indexes of migration 1765000001500 are built on exactly these
 * expressions (PostgreSQL uses an expression index only for the same expression), so changing one needs a migration.
 */

/** An order's number, reference, channel id and hold reason as one text; `alias` qualifies the columns. */
export function orderSearchText(alias?: string): string {
  const c = (column: string): string => (alias ? `${alias}.${column}` : column);
  return `(coalesce(${c('external_number')}, '') || ' ' || coalesce(${c('reference')}, '') || ' ' || coalesce(${c('external_id')}, '') || ' ' || coalesce(${c('hold_reason')}, ''))`;
}

/** A line's SKU and problem as one text. */
export function lineSearchText(alias?: string): string {
  const c = (column: string): string => (alias ? `${alias}.${column}` : column);
  return `(${c('sku')} || ' ' || coalesce(${c('problem')}, ''))`;
}

/** An ILIKE pattern that finds `text` anywhere, its % and _ taken literally (backslash is ILIKE's escape). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
