import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

export const REDOC_BUNDLE_PATH = "node_modules/redoc/bundles/redoc.standalone.js";

let bundle: Promise<{ body: string; etag: string }> | undefined;

// The one address Redoc's bundle loads by itself: the logo beside "API docs by Redocly". An empty picture in its place
// keeps the credit and keeps the page from calling out of the network (the policy would refuse it and log an error).
const REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const EMPTY_PICTURE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

/** Read once per process; next.config.js traces the file into a standalone build. */
export function redocBundle(): Promise<{ body: string; etag: string }> {
  bundle ??= readFile(path.join(process.cwd(), REDOC_BUNDLE_PATH), "utf8").then((original) => {
    const body = original.replaceAll(REDOCLY_LOGO, EMPTY_PICTURE);
    return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
  });
  return bundle;
}

/**
 * The reference page. Redoc draws it from the OpenAPI document; its theme uses the system's fonts so nothing is
 * fetched from elsewhere, and its search runs in a worker it makes from a blob (hence the page's own policy).
 */
export function docsPage(nonce: string): string {
  const options = {
    hideDownloadButton: false,
    expandResponses: "200,201",
    jsonSampleExpandLevel: 2,
    theme: {
      colors: { primary: { main: "#0f5cc0" } },
      typography: {
        fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        headings: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" },
        code: { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" },
      },
    },
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Keel API reference</title>
<link rel="icon" href="/icon.svg">
<style>body { margin: 0; } .keel-back { display: block; padding: 8px 16px; font: 14px system-ui, sans-serif; background: #0f172a; color: #fff; } .keel-back:focus-visible { outline: 3px solid #93c5fd; outline-offset: -3px; }</style>
</head>
<body>
<a class="keel-back" href="/">← Back to Keel</a>
<div id="reference"></div>
<script nonce="${nonce}" src="/api/docs/redoc.standalone.js"></script>
<script nonce="${nonce}">Redoc.init("/api/v1/openapi.json", ${JSON.stringify(options)}, document.getElementById("reference"));</script>
</body>
</html>`;
}
