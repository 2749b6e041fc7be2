/**
 * Many JSON texts as one query parameter: joined with the record separator (U+001E), which
 * `JSON.stringify` never writes unescaped, and split again in SQL by `splitJsonTexts`. As an array
 * parameter each text would be escaped into the array literal (every `"` doubled with a backslash)
 * and unescaped by Postgres character by character: for intake's events and answers, about a
 * kilobyte of JSON an alert, that was the largest share of what building a batch allocated.
 */
const RS = '\u001e';

/** The texts joined; a null is written as the empty string, which no JSON text is. */
export function jsonTexts(texts: readonly (string | null)[]): string {
  for (const t of texts) if (t !== null && (t === '' || t.includes(RS))) throw new Error('jsonTexts: a JSON text is never empty and never holds U+001E');
  return texts.map((t) => t ?? '').join(RS);
}

/** SQL for the text[] of a `jsonTexts` parameter (`$n`), with NULL for each null. An empty list or a lone null gives '{}', which `unnest` pads with NULLs. */
export const splitJsonTexts = (param: string): string => `string_to_array(${param}, chr(30), '')`;
