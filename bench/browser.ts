/**
 * Measures a page the way a person experiences it, in Chromium: how long until the first element matching a
 * selector is in the page, and which long tasks (over 50 ms of blocked main thread) come after that moment.
 * The tree page's op calls `measurePage`; the home page op proves it on every run.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "@playwright/test";

// The flags playwright.config.ts gives Debian's Chromium: no sandbox as root, and no calls home offline.
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface LongTask {
  /** Milliseconds since navigation started. */
  startMs: number;
  durationMs: number;
}

export interface PageMeasurement {
  url: string;
  status: number;
  /** From navigation start until the first element matching the selector was inserted into the page. */
  firstSelectorMs: number;
  /** The first animation frame after that insertion: when it could first be on screen. */
  firstFrameMs: number;
  /** Long tasks still running or starting after the selector appeared (every one, with `longTasksSinceNavigation`). */
  longTasksAfter: LongTask[];
  maxLongTaskMs: number;
  /** Sum of each of those long tasks' time beyond 50 ms (the usual "total blocking time"). */
  blockingMs: number;
  loadEventMs: number;
  matchedElements: number;
}

export interface MeasurePageOptions {
  url: string;
  /** The session cookie (see mintSessionCookie), or null for a signed-out visit. */
  cookie: { name: string; value: string } | null;
  /** CSS selector of what the person waits for, e.g. `[data-testid="tree-node"]`. */
  selector: string;
  /**
   * The page counts as settled once the load event has fired and no long task has run for this long; long tasks
   * are collected until then.
   */
  quietMs?: number;
  /**
   * Count every long task since navigation, not only those after the element appeared: for a page whose element
   * appears only once the work is done (the whole tree), the tasks that held it back are the ones that matter.
   */
  longTasksSinceNavigation?: boolean;
  timeoutMs?: number;
  viewport?: { width: number; height: number };
}

interface ProbeState {
  firstSelectorMs: number | null;
  firstFrameMs: number | null;
  longTasks: LongTask[];
  lastLongTaskEndMs: number;
  loadEventMs: number | null;
}

declare global {
  interface Window {
    __keelProbe?: ProbeState;
  }
}

/**
 * Runs in the page before any of its own scripts, so nothing that happens during loading is missed. Kept as plain
 * JavaScript text: tsx would otherwise wrap its inner functions in a helper that does not exist in the page.
 */
function probeScript(selector: string): string {
  return `(() => {
    const selector = ${JSON.stringify(selector)};
    const state = { firstSelectorMs: null, firstFrameMs: null, longTasks: [], lastLongTaskEndMs: 0, loadEventMs: null };
    window.__keelProbe = state;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.longTasks.push({ startMs: entry.startTime, durationMs: entry.duration });
        state.lastLongTaskEndMs = Math.max(state.lastLongTaskEndMs, entry.startTime + entry.duration);
      }
    }).observe({ type: "longtask", buffered: true });
    const observer = new MutationObserver(() => {
      if (state.firstSelectorMs !== null || !document.querySelector(selector)) return;
      state.firstSelectorMs = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => { state.firstFrameMs = performance.now(); });
    });
    observer.observe(document, { childList: true, subtree: true });
    addEventListener("load", () => { state.loadEventMs = performance.now(); });
  })();`;
}

export async function measurePage(browser: Browser, options: MeasurePageOptions): Promise<PageMeasurement> {
  const quietMs = options.quietMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  try {
    if (options.cookie) await context.addCookies([{ ...options.cookie, url: options.url, httpOnly: true, sameSite: "Lax" }]);
    await context.addInitScript({ content: probeScript(options.selector) });
    const page = await context.newPage();
    const response = await page.goto(options.url, { waitUntil: "commit", timeout: timeoutMs });
    const status = response?.status() ?? 0;
    if (status >= 400) throw new Error(`${options.url} answered HTTP ${status}`);
    await page.waitForFunction(
      (quiet) => {
        const probe = window.__keelProbe;
        if (!probe || probe.firstSelectorMs === null || probe.firstFrameMs === null || probe.loadEventMs === null) return false;
        const now = performance.now();
        return now - Math.max(probe.loadEventMs, probe.lastLongTaskEndMs) >= quiet;
      },
      quietMs,
      { timeout: timeoutMs, polling: 50 },
    );
    const probe = await page.evaluate(() => window.__keelProbe!);
    const matchedElements = await page.locator(options.selector).count();
    const first = probe.firstSelectorMs!;
    const after = options.longTasksSinceNavigation ? probe.longTasks : probe.longTasks.filter((t) => t.startMs + t.durationMs > first);
    return {
      url: options.url,
      status,
      firstSelectorMs: first,
      firstFrameMs: probe.firstFrameMs!,
      longTasksAfter: after,
      maxLongTaskMs: after.reduce((max, t) => Math.max(max, t.durationMs), 0),
      blockingMs: after.reduce((sum, t) => sum + Math.max(0, t.durationMs - 50), 0),
      loadEventMs: probe.loadEventMs!,
      matchedElements,
    };
  } finally {
    await context.close();
  }
}
