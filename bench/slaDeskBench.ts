/**
 * How soon the breach desk shows its first numbers on a running server: in headless Chromium, from the
 * page's navigation start (the browser's own clock, so a new browser process starting up is not counted) to
 * the header's breached and at-risk figures and every section's total on screen, for a signed-in user. BENCH_URL (default http://127.0.0.1:3000), BENCH_USER and BENCH_PASSWORD (a demo user
 * as `npm start` prints them), BENCH_RUNS (default 5, each in a fresh browser context: nothing cached).
 * Prints figures; asserts nothing. Needs a built client and Debian's chromium.
 */
import { launchBrowser } from '../test/support/browser';

const URL = process.env.BENCH_URL ?? 'http://127.0.0.1:3000';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FIGURES = ['kpi-breached_open', 'kpi-at_risk_open', 'total-due', 'total-breached', 'total-followup'];

async function signIn(): Promise<string> {
  const response = await fetch(`${URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: process.env.BENCH_USER ?? 'manager', password: process.env.BENCH_PASSWORD ?? '' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`signing in: ${response.status} ${await response.text()}`);
  return cookie;
}

const browser = await launchBrowser();
const cookie = await signIn();
const [name, ...value] = cookie.split('=');
const times: number[] = [];
let shown: string[] = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.addCookies([{ name: name!, value: value.join('='), url: URL }]);
  const page = await context.newPage();
  await page.goto(`${URL}/sla`);
  const shownAt = await page.waitForFunction(
    (ids) => (ids.every((id) => /\d/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '')) ? performance.now() : null),
    FIGURES,
    { timeout: 30_000, polling: 16 },
  );
  times.push((await shownAt.jsonValue()) as number);
  shown = await Promise.all(FIGURES.map(async (id) => `${id} ${(await page.getByTestId(id).textContent())?.trim()}`));
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(`/sla first numbers (${FIGURES.join(', ')}) at ${URL}, ${RUNS} cold loads: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`);
console.log(`  last load showed: ${shown.join(' · ')}`);
