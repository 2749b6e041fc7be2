// Small, checked edits of shared files: each finds its place through a parser (the TypeScript
// compiler for .ts, `yaml` for compose and kustomize files), inserts text there and leaves every
// other byte as it was, so comments, anchors and formatting survive. Each throws, naming the file,
// when the file no longer has the shape it expects, rather than guessing.
import ts from 'typescript';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';

// ---------------------------------------------------------------- TypeScript

export const parseTs = (path: string, text: string): ts.SourceFile => ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/** The initializer of `const <name> = …` at the top level of the file (through `as` and `satisfies`). */
export function constInitializer(sf: ts.SourceFile, name: string): ts.Expression {
  for (const statement of sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) {
        let e: ts.Expression = d.initializer;
        while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
        return e;
      }
    }
  }
  throw new Error(`${sf.fileName}: no top-level \`const ${name} = …\`; the generator edits it there`);
}

export function arrayLiteral(sf: ts.SourceFile, name: string): ts.ArrayLiteralExpression {
  const e = constInitializer(sf, name);
  if (!ts.isArrayLiteralExpression(e)) throw new Error(`${sf.fileName}: ${name} is not an array literal`);
  return e;
}

export function objectLiteral(sf: ts.SourceFile, name: string): ts.ObjectLiteralExpression {
  const e = constInitializer(sf, name);
  if (!ts.isObjectLiteralExpression(e)) throw new Error(`${sf.fileName}: ${name} is not an object literal`);
  return e;
}

/** The string value of `key: '…'` in an object literal, if it is written as a plain string. */
export function stringProperty(o: ts.ObjectLiteralExpression, key: string): string | undefined {
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && propertyName(p) === key && ts.isStringLiteralLike(p.initializer)) return p.initializer.text;
  }
  return undefined;
}

export function propertyName(p: ts.ObjectLiteralElementLike): string | undefined {
  const n = p.name;
  return n && (ts.isIdentifier(n) || ts.isStringLiteralLike(n) || ts.isNumericLiteral(n)) ? n.text : undefined;
}

/** Every string literal among the arguments of calls to `fn` inside `node` (`serviceStream('intake', …)` → intake). */
export function firstArgumentsOf(node: ts.Node, fn: string): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === fn && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) out.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/**
 * Inserts `item` into an array or object literal after `after` (default: the last element), on
 * its own line, indented like that element; or inline (`, item`) when the elements share a line.
 */
export function insertElement(text: string, list: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression, item: string, after?: ts.Node): string {
  const elements: ts.NodeArray<ts.Node> = ts.isArrayLiteralExpression(list) ? list.elements : list.properties;
  const sf = list.getSourceFile();
  if (elements.length === 0) {
    const open = list.getStart(sf) + 1;
    return `${text.slice(0, open)}\n  ${item},\n${text.slice(open)}`;
  }
  const anchor = after ?? elements[elements.length - 1];
  const lineStart = text.lastIndexOf('\n', anchor.getStart(sf) - 1) + 1;
  const lead = text.slice(lineStart, anchor.getStart(sf));
  const ownLine = /^\s*$/.test(lead);
  const isLast = anchor === elements[elements.length - 1];
  if (!ownLine) return `${text.slice(0, anchor.end)}, ${item}${text.slice(anchor.end)}`;
  if (isLast && !elements.hasTrailingComma) return `${text.slice(0, anchor.end)},\n${lead}${item}${text.slice(anchor.end)}`;
  const comma = text.indexOf(',', anchor.end) + 1;
  return `${text.slice(0, comma)}\n${lead}${item},${text.slice(comma)}`;
}

/** Adds `export * from '<from>';` after the last export from the same folder (else the last export), unless it is there. */
export function addExportStar(path: string, text: string, from: string): string {
  const sf = parseTs(path, text);
  const exports = sf.statements.filter((s): s is ts.ExportDeclaration => ts.isExportDeclaration(s) && !!s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier));
  const specifier = (e: ts.ExportDeclaration) => (e.moduleSpecifier as ts.StringLiteral).text;
  if (exports.some((e) => specifier(e) === from)) return text;
  const line = `export * from '${from}';`;
  const folder = from.slice(0, from.lastIndexOf('/') + 1);
  const last = exports.filter((e) => specifier(e).startsWith(folder)).at(-1) ?? exports.at(-1);
  if (!last) return `${text.replace(/\n*$/, '\n')}${line}\n`;
  return `${text.slice(0, last.end)}\n${line}${text.slice(last.end)}`;
}

/** Makes `import { … } from '<from>'` hold `names` too: merged into the existing import, or a new one after the last import. */
export function ensureNamedImports(path: string, text: string, from: string, names: string[]): string {
  const sf = parseTs(path, text);
  const imports = sf.statements.filter(ts.isImportDeclaration);
  const existing = imports.find((i) => ts.isStringLiteral(i.moduleSpecifier) && i.moduleSpecifier.text === from && !i.importClause?.isTypeOnly);
  const bindings = existing?.importClause?.namedBindings;
  if (existing && bindings && ts.isNamedImports(bindings)) {
    const have = bindings.elements.map((e) => e.getText(sf));
    const all = [...new Set([...have, ...names])].sort((a, b) => a.localeCompare(b));
    if (all.length === have.length) return text;
    return `${text.slice(0, bindings.getStart(sf))}{ ${all.join(', ')} }${text.slice(bindings.end)}`;
  }
  const line = `import { ${[...names].sort((a, b) => a.localeCompare(b)).join(', ')} } from '${from}';`;
  const last = imports.at(-1);
  return last ? `${text.slice(0, last.end)}\n${line}${text.slice(last.end)}` : `${line}\n${text}`;
}

// ---------------------------------------------------------------- YAML

/** Parses a YAML file and insists it parsed cleanly (a bad edit is caught before it is written). */
export function parseYaml(path: string, text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc;
}

export function yamlCollection(path: string, text: string, at: (string | number)[]): { kind: 'map' | 'seq'; node: YamlNode; items: unknown[] } {
  const node = parseYaml(path, text).getIn(at, true);
  if (isMap(node)) return { kind: 'map', node, items: node.items };
  if (isSeq(node)) return { kind: 'seq', node, items: node.items };
  throw new Error(`${path}: ${at.join('.')} is not a block map or list; the generator adds to it there`);
}

/** The keys of the map at `at` (scalars only). */
export function yamlKeys(path: string, text: string, at: (string | number)[]): string[] {
  const { kind, items } = yamlCollection(path, text, at);
  if (kind !== 'map') throw new Error(`${path}: ${at.join('.')} is not a map`);
  return (items as Pair[]).map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter(Boolean);
}

/**
 * Appends an entry after the last item of the block map or list at `at`, indented like that item.
 * `lines` are relative to the item's indentation; for a list, the first line follows the `- `.
 * `blankLineBefore` separates it as the file separates sections.
 */
export function appendYamlItem(path: string, text: string, at: (string | number)[], lines: string[], blankLineBefore = false): string {
  const { kind, items } = yamlCollection(path, text, at);
  if (items.length === 0) throw new Error(`${path}: ${at.join('.')} is empty; the generator adds after its last item`);
  let start: number;
  let end: number;
  if (kind === 'map') {
    const pair = items.at(-1) as Pair<YamlNode, YamlNode | null>;
    start = pair.key.range![0];
    end = pair.value?.range?.[1] ?? pair.key.range![1];
  } else {
    const node = items.at(-1) as YamlNode;
    start = node.range![0];
    end = node.range![1];
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lead = text.slice(lineStart, start); // '  ' before a map key, '  - ' before a list item
  const indent = ' '.repeat(lead.length);
  while (end > start && /\s/.test(text[end - 1])) end--;
  const eol = text.indexOf('\n', end);
  const pos = eol === -1 ? text.length : eol + 1;
  const block = lines.map((l, i) => (i === 0 ? lead : indent) + l).join('\n');
  const insert = `${eol === -1 ? '\n' : ''}${blankLineBefore ? '\n' : ''}${block}\n`;
  const result = text.slice(0, pos) + insert + text.slice(pos);
  parseYaml(path, result);
  return result;
}

// ---------------------------------------------------------------- Markdown

const TABLE_HEADER = '| service | port | what it does | status |';

/** The service table: a row for the service, or its "planned" row set to "running" (with `description`). */
export function setServiceRow(path: string, text: string, row: { name: string; port: number; description: string }): string {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => l.trim() === TABLE_HEADER);
  if (header === -1) throw new Error(`${path}: no table with the header "${TABLE_HEADER}"; the generator lists the service there`);
  let end = header + 2; // past the |---| line
  while (end < lines.length && lines[end].trim().startsWith('|')) end++;
  const cells = (l: string) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  const existing = lines.slice(header + 2, end).findIndex((l) => cells(l)[0] === row.name);
  if (existing !== -1) {
    const i = header + 2 + existing;
    const c = cells(lines[i]);
    if (c[3] === 'running') throw new Error(`${path}: the service table says ${row.name} is running already`);
    lines[i] = `| ${c[0]} | ${c[1]} | ${row.description} | running |`;
  } else {
    lines.splice(end, 0, `| ${row.name} | ${row.port} | ${row.description} | running |`);
  }
  return lines.join('\n');
}
