// Turns the many ways an address is typed into one form, so `金門路１２號`, `金门路 12` and
// `青岛市市南区金门路12号` compare equal. Street names in the district file go through the same
// function, so an alias written in any of these forms still matches.

// Traditional -> simplified for the characters met in Qingdao street names and address words.
// Not a general converter: a district can add any other spelling as a street alias.
const TRADITIONAL =
  '門门閩闽東东號号區区島岛單单樓楼層层寧宁銀银蘇苏陽阳廣广華华興兴濟济龍龙灣湾園园館馆鄉乡鎮镇縣县聯联棟栋' +
  '辦办處处國国黃黄臺台遼辽鄭郑長长遠远達达莊庄漢汉魯鲁貴贵雲云嶺岭峽峡關关齊齐滬沪蘭兰橋桥樂乐軍军萊莱' +
  '邊边廈厦壽寿紹绍貿贸灤滦車车學学隴陇兒儿業业廠厂場场飯饭體体廳厅綫线線线際际諸诸';
const T2S = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL.length; i += 2) T2S.set(TRADITIONAL[i], TRADITIONAL[i + 1]);

const WHITESPACE = /\s/u;
const DIGIT = /[0-9]/;

/**
 * NFKC (full-width digits, letters and spaces become ASCII), traditional -> simplified, `#` after
 * a number -> 号, whitespace removed except between two digits where it becomes one space (so
 * `12 3单元` keeps 12 apart from 3).
 */
export function normaliseAddressText(text: string): string {
  const chars = [...text.normalize('NFKC')].map((ch) => T2S.get(ch) ?? ch);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (WHITESPACE.test(ch)) {
      let j = i;
      while (j + 1 < chars.length && WHITESPACE.test(chars[j + 1])) j++;
      if (DIGIT.test(out.at(-1) ?? '') && DIGIT.test(chars[j + 1] ?? '')) out += ' ';
      i = j;
    } else if (ch === '#' && DIGIT.test(out.at(-1) ?? '')) {
      out += '号';
    } else {
      out += ch;
    }
  }
  return out;
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
export const CHINESE_NUMERAL_CHARS = new Set([...Object.keys(CN_DIGITS), ...Object.keys(CN_UNITS)]);

/**
 * Value of a Chinese numeral: positional (`一百二十八`, `十二`) or digit by digit (`一二八`).
 * Undefined when malformed.
 */
export function parseChineseNumeral(s: string): number | undefined {
  if (s.length === 0) return undefined;
  const hasUnit = [...s].some((ch) => ch in CN_UNITS);
  if (!hasUnit) {
    let v = 0;
    for (const ch of s) {
      if (!(ch in CN_DIGITS)) return undefined;
      v = v * 10 + CN_DIGITS[ch];
    }
    return v;
  }
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      if (digit !== undefined && CN_DIGITS[ch] !== 0) return undefined; // two digits in a row
      digit = CN_DIGITS[ch] === 0 ? undefined : CN_DIGITS[ch];
    } else if (ch in CN_UNITS) {
      const unit = CN_UNITS[ch];
      if (unit >= lastUnit) return undefined;
      // A bare 十 at the start means 一十 (十二 = 12).
      total += (digit ?? (total === 0 && unit === 10 ? 1 : NaN)) * unit;
      digit = undefined;
      lastUnit = unit;
    } else {
      return undefined;
    }
  }
  total += digit ?? 0;
  return Number.isFinite(total) ? total : undefined;
}

export interface BuildingNumber {
  readonly number: number;
  /** `12-1号` / `12之1号`: an annex numbered after the main building. */
  readonly subNumber?: number;
  /** Characters consumed from the start of the text. */
  readonly length: number;
}

const ARABIC_WITH_SUB = /^0*(\d+)[-之]0*(\d+)号/;
const ARABIC = /^0*(\d+)(号)?/;

/**
 * Reads a building number at the start of `s` (already normalised): `12号`, `12`, `12-1号`,
 * `十二号`. A Chinese numeral counts only when followed by 号 or the end of the text, so
 * `金门路三单元` is not read as number 3.
 */
export function readBuildingNumber(s: string): BuildingNumber | undefined {
  const sub = ARABIC_WITH_SUB.exec(s);
  if (sub) return { number: Number(sub[1]), subNumber: Number(sub[2]), length: sub[0].length };
  const arabic = ARABIC.exec(s);
  if (arabic) return { number: Number(arabic[1]), length: arabic[0].length };
  let end = 0;
  while (end < s.length && CHINESE_NUMERAL_CHARS.has(s[end])) end++;
  if (end === 0) return undefined;
  const hao = s[end] === '号';
  if (!hao && end !== s.length) return undefined;
  const number = parseChineseNumeral(s.slice(0, end));
  return number === undefined ? undefined : { number, length: end + (hao ? 1 : 0) };
}
