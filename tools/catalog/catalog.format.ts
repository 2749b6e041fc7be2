import {
  CATEGORY_NAMES_ZH,
  getAlertType,
  type AlertType,
  type Classification,
  type Explanation,
} from '@jingwang/alert-catalog';

/** Terminal columns: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    width += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000
      ? 2
      : 1;
  }
  return width;
}

function pad(text: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => pad(cell, widths[i], rightAligned.includes(i))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The catalogue as a table: code, names, lane, category, priority and SLAs. */
export function formatTypeList(types: readonly AlertType[]): string {
  const rows = types.map((t) => [
    t.code,
    t.nameZh,
    t.nameEn,
    t.lane,
    CATEGORY_NAMES_ZH[t.category],
    `P${t.priority}`,
    String(t.sla.acceptMinutes),
    String(t.sla.arriveMinutes),
    String(t.sla.resolveHours),
    t.isDispute ? (t.disputeFamily ?? 'yes') : '',
  ]);
  const header = ['code', '名称', 'name', 'lane', '类别', 'prio', 'accept min', 'arrive min', 'resolve h', 'dispute'];
  const counts = `${types.length} types: ${types.filter((t) => t.lane === 'case-team').length} case-team, ` +
    `${types.filter((t) => t.lane === 'community').length} community`;
  return `${formatTable(header, rows, [6, 7, 8])}\n${counts}`;
}

/** Ranked types for one description, with the keywords behind each when `explain` is given. */
export function formatClassification(result: Classification, explain?: readonly Explanation[]): string {
  const why = new Map(explain?.map((e) => [e.code, e]));
  const rows = result.ranked.map((r, i) => {
    const type = getAlertType(r.code)!;
    const e = why.get(r.code);
    const reasons = e ? [...e.matched, ...(e.ngram > 0 ? [`n-gram ${e.ngram}`] : [])].join(', ') : '';
    return [String(i + 1), r.code, type.nameZh, type.lane, `P${type.priority}`, r.confidence.toFixed(3), reasons];
  });
  const verdict = result.needsTriage
    ? 'NEEDS TRIAGE: no type is confident enough, a call-taker decides.'
    : `=> ${result.ranked[0].code} ${getAlertType(result.ranked[0].code)!.nameZh}`;
  if (rows.length === 0) return verdict;
  return `${formatTable(['#', 'code', '名称', 'lane', 'prio', 'confidence', 'why'], rows, [5])}\n${verdict}`;
}
