import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (test tools cannot download browsers here), or the one CHROMIUM names. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser tests run: always in CI (where .ci/run installs Chromium) and whenever
 * CHROMIUM is set; elsewhere only when the browser is installed.
 */
export const browserTestsRun =
  existsSync(CHROMIUM) || process.env.CHROMIUM !== undefined || process.env.CI !== undefined;

/**
 * Headless Chromium for tests. Playwright gives it a fresh temporary --user-data-dir of its own,
 * and chromiumSandbox: false adds --no-sandbox (root in CI); nothing reaches the network.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Runs in the page: pixels of a canvas in the articles' blue (bars that were really painted). */
export function countBluePixels(canvas: HTMLCanvasElement): number {
  const context = canvas.getContext('2d');
  if (!context) return 0;
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if ((data[i + 2] ?? 0) > 150 && (data[i] ?? 255) < 120 && (data[i + 3] ?? 0) > 0) n++;
  }
  return n;
}

/** Runs in the page before its scripts: records every Content-Security-Policy violation in window.__csp. */
export function recordCspViolations(): void {
  const w = window as unknown as { __csp: string[] };
  w.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/** Runs in the page: appends an inline script (which the policy must block) and reports what happened. */
export async function tryInlineScript(): Promise<{ xss: unknown; csp: string[] }> {
  const s = document.createElement('script');
  s.textContent = 'window.__xss = "inline";';
  document.body.append(s);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const w = window as unknown as { __xss?: unknown; __csp: string[] };
  return { xss: w.__xss, csp: w.__csp };
}

/** Runs in the page: the flag any injected script would set, and the violations seen. */
export function pageFlags(): { xss: unknown; csp: string[] } {
  const w = window as unknown as { __xss?: unknown; __csp: string[] };
  return { xss: w.__xss, csp: w.__csp };
}
