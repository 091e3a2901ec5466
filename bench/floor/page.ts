/** How the HTTP floor answers for a page: the page's data as JSON inside an HTML document as large as Keel's page. */

const PAGE_HEAD = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><script id="floor" type="application/json">';
const PAGE_TAIL = "</script></body></html>";

/** The JSON as a page of `bytes` bytes when it fits (the padding is spaces after the document), else just the page. */
export function asPage(json: string, bytes: number): string {
  const page = `${PAGE_HEAD}${json.replace(/</g, "\\u003c")}${PAGE_TAIL}`;
  return page + " ".repeat(Math.max(0, bytes - Buffer.byteLength(page)));
}

/** The JSON back out of such a page. */
export function jsonOfPage(html: string): string {
  const start = html.indexOf(PAGE_HEAD);
  const end = html.lastIndexOf(PAGE_TAIL);
  if (start !== 0 || end < 0) throw new Error(`the HTTP floor's page is not one it wrote: ${html.slice(0, 120)}`);
  // "\u003c" stands only for "<" here: JSON.parse reads it back, so parse and write again.
  return JSON.stringify(JSON.parse(html.slice(PAGE_HEAD.length, end)));
}
