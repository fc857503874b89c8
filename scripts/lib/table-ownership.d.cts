/** Types of table-ownership.cjs (the pure part of scripts/check-table-ownership.mjs). */

export interface OwnedFile {
  /** From the repository root, `/`-separated. */
  path: string;
  /** core, wms, a channel's key, or api. */
  owner: string;
  text: string;
}

export interface TableOwner {
  owner: string;
  /** The migration that created the table (or last renamed it), and where. */
  file: string;
  line: number;
}

export interface Violation {
  file: string;
  line: number;
  owner: string;
  table: string;
  tableOwner: string;
  /** The SQL keyword or `@Entity` that named the table (source files). */
  via?: string;
  /** `creates` for a migration creating a table another owner holds. */
  kind?: 'creates';
}

export declare function classifyPath(relPath: string): { owner: string; kind: 'migration' | 'source' } | null;
export declare function normalizeName(name: string): string;
export declare function buildOwnership(migrations: OwnedFile[]): { tables: Map<string, TableOwner>; conflicts: Violation[] };
export declare function ownershipMap(tables: Map<string, TableOwner>, ownerOrder?: string[]): Record<string, string[]>;
export declare function findViolations(file: OwnedFile, tables: Map<string, Pick<TableOwner, 'owner'>>): Violation[];
export declare function formatViolation(violation: Violation): string;
