// Table ownership: which owner (core, wms, a channel, api) creates which table in its migrations, and which source
// files name another owner's table. Pure functions over paths and file text; scripts/check-table-ownership.mjs does
// the file system. CommonJS so test/lint/table-ownership.spec.ts can load it under jest. Types: table-ownership.d.cts.
const ts = require('typescript');

/** An SQL name, optionally schema-qualified, each part bare or double-quoted. */
const IDENT = String.raw`(?:"[^"]+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"[^"]+"|[A-Za-z_][\w$]*))?`;
const CREATE = String.raw`\bCREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT})`;
const RENAME = String.raw`\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${IDENT})\s+RENAME\s+TO\s+(${IDENT})`;
const DROP = String.raw`\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(${IDENT}(?:\s*,\s*${IDENT})*)`;
const DDL = new RegExp(`${CREATE}|${RENAME}|${DROP}`, 'gi');
/** Where SQL names a table: FROM t, JOIN t, INTO t, UPDATE t, TABLE t, REFERENCES t. */
const USE = new RegExp(String.raw`\b(FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+(?:ONLY\s+)?(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(${IDENT})`, 'gi');

const TEST_FILE = /(^|\/)test\/|\.(spec|integration-spec|e2e-spec)\.ts$/;

/**
 * Who owns a path, and what it is to the check: `migration` (a file directly in a `migrations` folder under the
 * owner's src), `source` (any other non-test .ts file under it), or null for everything else.
 * @param {string} relPath path from the repository root, `/`-separated
 */
function classifyPath(relPath) {
  const match = /^(?:libs\/(core|wms)|libs\/channels\/([^/]+)|apps\/(api))\/src\/(.+\.ts)$/.exec(relPath);
  if (!match || relPath.endsWith('.d.ts') || TEST_FILE.test(match[4])) {
    return null;
  }
  const owner = match[1] ?? match[2] ?? match[3];
  if (/(^|\/)migrations\/[^/]+$/.test(match[4])) {
    return { owner, kind: 'migration' };
  }
  return /(^|\/)migrations\//.test(match[4]) ? null : { owner, kind: 'source' };
}

/** `public."Foo"` → `Foo`, `Stock_Level` → `stock_level` (PostgreSQL folds bare names to lower case). */
function normalizeName(name) {
  const last = /(?:"([^"]+)"|([A-Za-z_][\w$]*))\s*$/.exec(name.trim());
  return last[1] ?? last[2].toLowerCase();
}

function lineAt(sourceFile, offset) {
  return sourceFile.getLineAndCharacterOfPosition(offset).line + 1;
}

/**
 * The string and template literals of a file (or of one node), in source order, as `{ start, text }`: `text` is the
 * literal's source with every `${…}` substitution blanked out (newlines kept), so offsets map back to the file.
 */
function literals(sourceFile, root = sourceFile) {
  const full = sourceFile.text;
  const found = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      found.push({ start: node.getStart(sourceFile), text: full.slice(node.getStart(sourceFile), node.end) });
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const start = node.getStart(sourceFile);
      let text = full.slice(start, node.end);
      let open = node.head.end - 2; // the `${` before each substitution, to the `}` after it
      for (const span of node.templateSpans) {
        const from = open - start;
        const to = span.literal.getStart(sourceFile) + 1 - start;
        text = text.slice(0, from) + text.slice(from, to).replace(/[^\n]/g, '#') + text.slice(to);
        open = span.literal.end - 2;
        visit(span.expression);
      }
      found.push({ start, text });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found.sort((a, b) => a.start - b.start);
}

function parse(fileName, text) {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** A migration's `up` method (the whole file when it has none): `down` undoes, it declares nothing. */
function upMethod(sourceFile) {
  let up;
  const visit = (node) => {
    if (!up && ts.isMethodDeclaration(node) && node.name.getText(sourceFile) === 'up' && node.body) {
      up = node.body;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return up ?? sourceFile;
}

/**
 * Replays migrations in order (by file name: TypeORM's timestamp prefix) and returns who owns each table now.
 * `CREATE TABLE [IF NOT EXISTS] t` gives t to the migration's owner; `ALTER TABLE a RENAME TO b` moves a's ownership
 * to b; `DROP TABLE a` ends it. A table created while another owner holds it is a conflict.
 * @param {{ path: string, owner: string, text: string }[]} migrations
 */
function buildOwnership(migrations) {
  const tables = new Map();
  const conflicts = [];
  const ordered = [...migrations].sort((a, b) => baseName(a.path).localeCompare(baseName(b.path)) || a.path.localeCompare(b.path));
  for (const migration of ordered) {
    const sourceFile = parse(migration.path, migration.text);
    for (const literal of literals(sourceFile, upMethod(sourceFile))) {
      for (const m of literal.text.matchAll(DDL)) {
        const line = lineAt(sourceFile, literal.start + m.index);
        const at = { owner: migration.owner, file: migration.path, line };
        if (m[1] !== undefined) {
          const table = normalizeName(m[1]);
          const held = tables.get(table);
          if (held && held.owner !== migration.owner) {
            conflicts.push({ file: migration.path, line, owner: migration.owner, table, tableOwner: held.owner, kind: 'creates' });
          } else if (!held) {
            tables.set(table, at);
          }
        } else if (m[2] !== undefined) {
          const from = normalizeName(m[2]);
          const held = tables.get(from);
          if (held) {
            tables.delete(from);
            tables.set(normalizeName(m[3]), { ...held, file: migration.path, line });
          }
        } else {
          for (const name of m[4].split(/\s*,\s*/)) {
            tables.delete(normalizeName(name));
          }
        }
      }
    }
  }
  return { tables, conflicts };
}

function baseName(path) {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `{ owner: [tables…] }`, owners in `ownerOrder` first, tables sorted. */
function ownershipMap(tables, ownerOrder = []) {
  const byOwner = {};
  for (const owner of ownerOrder) {
    byOwner[owner] = [];
  }
  for (const [table, { owner }] of [...tables].sort(([a], [b]) => a.localeCompare(b))) {
    (byOwner[owner] ??= []).push(table);
  }
  return byOwner;
}

/**
 * Where a source file touches a table another owner holds: SQL in string and template literals naming it after
 * FROM, JOIN, INTO, UPDATE, TABLE or REFERENCES, and `@Entity('t')` / `@Entity({ name: 't' })` declaring it.
 * @param {{ path: string, owner: string, text: string }} file
 * @param {Map<string, { owner: string }>} tables
 */
function findViolations(file, tables) {
  const sourceFile = parse(file.path, file.text);
  const violations = [];
  const report = (name, offset, via) => {
    const table = normalizeName(name);
    const held = tables.get(table);
    if (held && held.owner !== file.owner) {
      violations.push({ file: file.path, line: lineAt(sourceFile, offset), owner: file.owner, table, tableOwner: held.owner, via });
    }
  };
  for (const literal of literals(sourceFile)) {
    for (const m of literal.text.matchAll(USE)) {
      report(m[2], literal.start + m.index, m[1].toUpperCase());
    }
  }
  const visit = (node) => {
    if (ts.isDecorator(node) && ts.isCallExpression(node.expression) && node.expression.expression.getText(sourceFile) === 'Entity') {
      const [arg] = node.expression.arguments;
      const name =
        arg && ts.isStringLiteralLike(arg)
          ? arg
          : arg && ts.isObjectLiteralExpression(arg)
            ? arg.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(sourceFile) === 'name')?.initializer
            : undefined;
      if (name && ts.isStringLiteralLike(name)) {
        report(`"${name.text}"`, node.getStart(sourceFile), '@Entity');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return violations.sort((a, b) => a.line - b.line);
}

function formatViolation(v) {
  return `${v.file}:${v.line}: ${v.owner} ${v.kind ?? 'touches'} ${v.table} (owned by ${v.tableOwner})`;
}

module.exports = { classifyPath, normalizeName, buildOwnership, ownershipMap, findViolations, formatViolation };
