import { TRADITIONAL_SIMPLIFIED_PAIRS } from './traditional-chinese.map.ts';

// One 64K lookup table folds every UTF-16 unit the classifier sees: traditional -> simplified,
// full-width -> ASCII, upper -> lower case. 0 means "unchanged". Folding is 1:1 per unit, so match
// offsets in the folded text are offsets in the original.
const FOLD = new Uint16Array(0x10000);

for (let c = 0x41; c <= 0x5a; c++) FOLD[c] = c + 0x20;
for (let c = 0xff01; c <= 0xff5e; c++) {
  const ascii = c - 0xfee0;
  FOLD[c] = ascii >= 0x41 && ascii <= 0x5a ? ascii + 0x20 : ascii;
}
FOLD[0x3000] = 0x20;
for (let i = 0; i + 1 < TRADITIONAL_SIMPLIFIED_PAIRS.length; i += 2) {
  FOLD[TRADITIONAL_SIMPLIFIED_PAIRS.charCodeAt(i)] = TRADITIONAL_SIMPLIFIED_PAIRS.charCodeAt(i + 1);
}

export function foldCharCode(code: number): number {
  return FOLD[code] || code;
}

/** Simplified, half-width, lower-case form of `text`, same length. */
export function normalizeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldCharCode(text.charCodeAt(i)));
  return out;
}

/** Traditional -> simplified only, character by character (no phrase context). */
export function toSimplified(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const s = c >= 0x3400 && c <= 0x9fff ? FOLD[c] : 0;
    out += s ? String.fromCharCode(s) : text[i];
  }
  return out;
}

export function traditionalPairCount(): number {
  return TRADITIONAL_SIMPLIFIED_PAIRS.length / 2;
}
