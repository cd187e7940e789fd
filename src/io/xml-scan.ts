/**
 * A small XML scanner for the graph-file reader: checks that tags nest and close (graphology's
 * parsers accept broken XML silently, keeping what they could read), and lists the `<node>` and
 * `<edge>` start tags with their line and raw attributes, which graphology does not report.
 * Not a validating parser: DTDs, namespaces and entities beyond the five predefined ones and
 * numeric references are not interpreted. Cost O(length of the text).
 */

/** A start tag: its name, 1-based line, and attributes with entities decoded. */
export interface XmlTag {
  name: string;
  line: number;
  attributes: Record<string, string>;
}

export interface XmlScan {
  /** The first well-formedness problem, or null. */
  error: { line: number; column: number; reason: string } | null;
  /** Start tags whose name is in the requested set, in document order. */
  tags: XmlTag[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the predefined entities and numeric character references: `A &amp; B` → `A & B`. */
export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/**
 * Scans XML text. Example: scanXml('<a>\n<node id="x"/></a>', new Set(['node'])) →
 * { error: null, tags: [{ name: 'node', line: 2, attributes: { id: 'x' } }] }.
 */
export function scanXml(text: string, wanted: ReadonlySet<string>): XmlScan {
  const tags: XmlTag[] = [];
  const stack: { name: string; line: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  let rootClosed = false;
  const fail = (at: number, reason: string): XmlScan => {
    // the line and column of position `at`
    while (true) {
      const nl = text.indexOf('\n', lineStart);
      if (nl < 0 || nl >= at) break;
      line++;
      lineStart = nl + 1;
    }
    return { error: { line, column: at - lineStart + 1, reason }, tags };
  };
  const advanceLines = (to: number) => {
    for (let k = text.indexOf('\n', i); k >= 0 && k < to; k = text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
  };
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      if (
        text
          .slice(i)
          .replace(/^\ufeff/, '')
          .trim() !== '' &&
        stack.length === 0
      )
        return fail(
          i + text.slice(i).search(/[^\s\ufeff]/),
          rootClosed
            ? 'text after the end of the document'
            : 'text outside the root element (not an XML file?)',
        );
      advanceLines(n);
      i = n;
      break;
    }
    if (
      stack.length === 0 &&
      text
        .slice(i, lt)
        .replace(/^\ufeff/, '')
        .trim() !== ''
    )
      return fail(i, 'text outside the root element (not an XML file?)');
    advanceLines(lt);
    i = lt;
    let end: number;
    let closer: string;
    if (text.startsWith('<!--', i)) closer = '-->';
    else if (text.startsWith('<![CDATA[', i)) closer = ']]>';
    else if (text.startsWith('<?', i)) closer = '?>';
    else if (text.startsWith('<!', i)) closer = '>';
    else closer = '';
    if (closer !== '') {
      end = text.indexOf(closer, i);
      if (end < 0) return fail(i, `unterminated ${text.slice(i, i + 4)}…`);
      advanceLines(end);
      i = end + closer.length;
      continue;
    }
    // a start or end tag: find its '>' outside quoted attribute values
    let k = i + 1;
    let quote = 0;
    for (; k < n; k++) {
      const c = text.charCodeAt(k);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) break;
      else if (c === 60) return fail(k, "'<' inside a tag");
    }
    if (k >= n) return fail(i, 'unterminated tag');
    const body = text.slice(i + 1, k);
    const tagLine = line;
    if (body.startsWith('/')) {
      const name = body.slice(1).trim();
      const open = stack.pop();
      if (!open) return fail(i, `closing tag </${name}> without an opening tag`);
      if (open.name !== name)
        return fail(i, `closing tag </${name}> does not match <${open.name}> opened on line ${open.line}`);
      if (stack.length === 0) rootClosed = true;
    } else {
      const m = /^([^\s/>]+)/.exec(body);
      if (!m) return fail(i, 'a tag without a name');
      if (rootClosed && stack.length === 0) return fail(i, 'a second root element');
      const name = m[1];
      const selfClosing = body.endsWith('/');
      if (wanted.has(name)) {
        const attributes: Record<string, string> = {};
        for (const a of body.slice(name.length).matchAll(ATTRIBUTE))
          attributes[a[1]] = decodeXml(a[3] ?? a[4]);
        tags.push({ name, line: tagLine, attributes });
      }
      if (!selfClosing) stack.push({ name, line: tagLine });
      else if (stack.length === 0) rootClosed = true;
    }
    advanceLines(k);
    i = k + 1;
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1];
    return { error: { line: open.line, column: 1, reason: `<${open.name}> is never closed` }, tags };
  }
  if (!rootClosed) return { error: { line: 1, column: 1, reason: 'no XML element found' }, tags };
  return { error: null, tags };
}
