/**
 * Reading a server-rendered page for `verify`: the rendered HTML, and the React Server Components payload Next inlines
 * after it (`self.__next_f.push([1, "..."])`), where the props of client components travel as JSON.
 */

/** The RSC payload of a page as one text: every inlined chunk, unescaped. */
export function flightText(html: string): string {
  return [...html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)].map((m) => JSON.parse(m[1]!) as string).join("");
}

/** Where the JSON value starting at `start` ends (exclusive): strings, arrays and objects are matched whole. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "[" || ch === "{") depth++;
    else if (ch === "]" || ch === "}") {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (ch === "," && depth === 0) return i;
  }
  return text.length;
}

/** Every JSON value that follows `"key":` in the payload, in order of appearance. */
export function valuesOfKey(text: string, key: string): unknown[] {
  const needle = `${JSON.stringify(key)}:`;
  const out: unknown[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    const start = at + needle.length;
    out.push(JSON.parse(text.slice(start, valueEnd(text, start))));
  }
  return out;
}

/** The HTML between an element's opening marker (e.g. `data-testid="x"`) and the next `</${tag}>` closing it. */
export function section(html: string, marker: string, tag: string): string {
  const at = html.indexOf(marker);
  if (at < 0) return "";
  const end = html.indexOf(`</${tag}>`, at);
  return html.slice(at, end < 0 ? undefined : end);
}

/** Objective ids of the `/objectives/<id>` links in this HTML, in order (the HTML only, not the payload). */
export function objectiveLinks(html: string): string[] {
  return [...html.matchAll(/href="\/objectives\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

/** Throws with both sides shown when they differ. */
export function expectSame(what: string, keel: unknown, floor: unknown): void {
  const a = JSON.stringify(keel);
  const b = JSON.stringify(floor);
  if (a !== b) throw new Error(`Keel and the floor disagree on ${what}: ${a.slice(0, 300)} vs ${b.slice(0, 300)}`);
}
