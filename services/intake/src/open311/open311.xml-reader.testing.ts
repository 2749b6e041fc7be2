// Test-only: a strict reader for the XML subset open311.xml.ts writes (prolog, elements, text,
// the five entities). It throws on anything else, so reading a document back proves it is well formed.
import { XML_PROLOG } from './open311.xml.ts';

export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const TOKEN = /<(\/?)([A-Za-z_][A-Za-z0-9_.-]*)>|([^<]+)/y;
const TEXT = /^(?:[^&<>]|&(?:amp|lt|gt|quot|apos);)*$/;
const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function readXml(doc: string): XmlNode {
  if (!doc.startsWith(`${XML_PROLOG}\n`)) throw new Error('no XML prolog');
  const body = doc.slice(XML_PROLOG.length + 1);
  const stack: XmlNode[] = [{ name: '#document', children: [], text: '' }];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(body);
    if (!m) throw new Error(`not well formed at ${at}: ${body.slice(at, at + 30)}`);
    const [, close, name, text] = m;
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      if (!TEXT.test(text)) throw new Error(`unescaped text: ${text}`);
      if (stack.length === 1) throw new Error('text outside the root element');
      top.text += text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => DECODE[e]);
    } else if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const node: XmlNode = { name, children: [], text: '' };
      top.children.push(node);
      stack.push(node);
    }
  }
  if (stack.length !== 1 || stack[0].children.length !== 1) throw new Error('not exactly one closed root element');
  return stack[0].children[0];
}

/** Leaf elements as a name -> text record (for one <request> or <service>). */
export function leaves(node: XmlNode): Record<string, string> {
  return Object.fromEntries(node.children.map((c) => [c.name, c.text]));
}
