import { describe, expect, it } from 'vitest';
import { INGEST_TOKEN as TEST_INGEST_TOKEN, VIEW_TOKEN as TEST_VIEW_TOKEN } from '../../test/support/testServer';
import { EnvironmentError, readEnvironment } from './environment';

/** Random-looking values of the kind `openssl rand -base64 48` prints. */
const STRONG = {
  SESSION_SECRET: 'kq3Vt9Zr0pXw7LmB2sNc4HdY8uFg6JaE1oQi5RtWvKzM',
  INGEST_TOKEN: 'Gx7pL2mQ9vR4tY8wK1zN6bC3dF5hJ0sAeUiOoPlMnBv',
  VIEW_TOKEN: 'Vw4Rt7Yu1Io9Pa3Sd6Fg2Hj5Kl8Zx0CvBnMqWeRtYu',
};
const PRODUCTION = { NODE_ENV: 'production', ...STRONG };

/** The message readEnvironment refuses with, or a failure if it accepts. */
function refusal(source: Record<string, string | undefined>): string {
  try {
    readEnvironment(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(source)}`);
}

describe('readEnvironment in development', () => {
  it('runs with nothing set: demo and simulator on, no session secret, plain cookies, no trusted proxy', () => {
    const env = readEnvironment({});
    expect(env).toMatchObject({ NODE_ENV: 'development', DEMO: 'on', SIM: 'on', COOKIE_SECURE: 'off', TRUST_PROXY: false, ALLOW_DEMO_IN_PRODUCTION: 'off' });
    expect(env.SESSION_SECRET).toBeUndefined();
  });

  it('takes the test tokens, which production refuses', () => {
    expect(readEnvironment({ INGEST_TOKEN: TEST_INGEST_TOKEN, VIEW_TOKEN: TEST_VIEW_TOKEN })).toMatchObject({ INGEST_TOKEN: TEST_INGEST_TOKEN });
  });

  it('still checks a session secret that is given', () => {
    expect(refusal({ SESSION_SECRET: 'short' })).toBe('Invalid environment:\n  SESSION_SECRET: must be at least 32 characters');
  });

  it.each([
    ['off', false],
    ['2', 2],
    ['loopback', 'loopback'],
    ['loopback, 10.0.0.0/8', 'loopback,10.0.0.0/8'],
    ['192.168.1.10,fd00::/8', '192.168.1.10,fd00::/8'],
  ])('reads TRUST_PROXY=%s as %s for Express', (value, expected) => {
    expect(readEnvironment({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['true', '0', '11', 'everything', '10.0.0.0/99', 'loopback,,'])('refuses TRUST_PROXY=%s with the forms it accepts', (value) => {
    expect(refusal({ TRUST_PROXY: value })).toMatch(/^Invalid environment:\n {2}TRUST_PROXY: must be off, a number of proxy hops from 1 to 10, loopback, linklocal, uniquelocal/);
  });

  it('opens a complaint for a return visit scored 2 or less unless COMPLAINT_SURVEY_MAX_SCORE says otherwise, and names a bad value', () => {
    expect(readEnvironment({}).COMPLAINT_SURVEY_MAX_SCORE).toBe(2);
    expect(readEnvironment({ COMPLAINT_SURVEY_MAX_SCORE: '3' }).COMPLAINT_SURVEY_MAX_SCORE).toBe(3);
    expect(refusal({ COMPLAINT_SURVEY_MAX_SCORE: '5' })).toContain('COMPLAINT_SURVEY_MAX_SCORE');
    expect(refusal({ COMPLAINT_SURVEY_MAX_SCORE: 'low' })).toContain('must be a number');
  });

  it('keeps resolved alert history 90 days and the webhook delivery log 30 unless told', () => {
    expect(readEnvironment({})).toMatchObject({ ALERT_HISTORY_RETENTION_DAYS: 90, WEBHOOK_LOG_RETENTION_DAYS: 30 });
    expect(readEnvironment({ ALERT_HISTORY_RETENTION_DAYS: '365', WEBHOOK_LOG_RETENTION_DAYS: '7' })).toMatchObject({ ALERT_HISTORY_RETENTION_DAYS: 365, WEBHOOK_LOG_RETENTION_DAYS: 7 });
  });

  it.each([
    ['ALERT_HISTORY_RETENTION_DAYS', 'ninety', 'must be a number of days'],
    ['ALERT_HISTORY_RETENTION_DAYS', '0', 'must be at least 1 day'],
    ['WEBHOOK_LOG_RETENTION_DAYS', '1.5', 'must be a whole number of days'],
    ['WEBHOOK_LOG_RETENTION_DAYS', '3651', 'must be at most 3650 days'],
  ])('refuses %s=%s: %s', (name, value, reason) => {
    expect(refusal({ [name]: value })).toBe(`Invalid environment:\n  ${name}: ${reason}`);
  });

  it('keeps webhooks off loopback and private networks unless WEBHOOK_ALLOW_PRIVATE is on', () => {
    expect(readEnvironment({})).toMatchObject({ WEBHOOK_ALLOW_PRIVATE: 'off' });
    expect(readEnvironment({ WEBHOOK_ALLOW_PRIVATE: 'on' })).toMatchObject({ WEBHOOK_ALLOW_PRIVATE: 'on' });
    expect(refusal({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toMatch(/^Invalid environment:\n {2}WEBHOOK_ALLOW_PRIVATE: /);
  });

  it('takes events from 2000-01-01 to a day after the clock unless told', () => {
    expect(readEnvironment({})).toMatchObject({ EVENT_EARLIEST_AT: Date.UTC(2000, 0, 1), EVENT_MAX_AHEAD_MS: 86_400_000 });
    expect(readEnvironment({ EVENT_EARLIEST_AT: '2015-06-01', EVENT_MAX_AHEAD_MS: '0' })).toMatchObject({ EVENT_EARLIEST_AT: Date.UTC(2015, 5, 1), EVENT_MAX_AHEAD_MS: 0 });
    expect(readEnvironment({ EVENT_EARLIEST_AT: '2015-06-01T00:00:00+08:00' })).toMatchObject({ EVENT_EARLIEST_AT: Date.UTC(2015, 4, 31, 16) });
  });

  it.each([
    ['EVENT_EARLIEST_AT', '1969-12-31', 'must lie between 1970-01-01 and 2100-01-01'],
    ['EVENT_EARLIEST_AT', '2100-01-01', 'must lie between 1970-01-01 and 2100-01-01'],
    ['EVENT_EARLIEST_AT', '2015-06-01T00:00:00', 'must be a date (2000-01-01) or an ISO 8601 timestamp with a zone'],
    ['EVENT_MAX_AHEAD_MS', '-1', 'must not be negative'],
    ['EVENT_MAX_AHEAD_MS', '31708800001', 'must be at most 31622400000 (366 days)'],
    ['EVENT_MAX_AHEAD_MS', 'a day', 'must be a number of milliseconds'],
    ['SIM_SPEED', '3601', 'must be at most 3600 (an hour of demo time each second); the demo clock stops a year before 2100'],
    ['SIM_SPEED', '1e308', 'must be at most 3600 (an hour of demo time each second); the demo clock stops a year before 2100'],
    ['SIM_SPEED', '0', 'must be at least 0.1'],
    ['SIM_SPEED', '-60', 'must be at least 0.1'],
    ['SIM_SPEED', 'fast', 'must be a number'],
    ['SIM_SEED', '4294967296', 'must be at most 4294967295'],
    ['SIM_SEED', '-1', 'must not be negative'],
    ['SIM_SEED', '1.5', 'must be a whole number'],
  ])('refuses %s=%s: %s', (name, value, reason) => {
    expect(refusal({ [name]: value })).toBe(`Invalid environment:\n  ${name}: ${reason}`);
  });

  it('runs the demo clock up to an hour each second', () => {
    expect(readEnvironment({})).toMatchObject({ SIM_SPEED: 1, SIM_SEED: 20261123 });
    expect(readEnvironment({ SIM_SPEED: '3600', SIM_SEED: '0' })).toMatchObject({ SIM_SPEED: 3600, SIM_SEED: 0 });
    expect(refusal({ SIM_SPEED: 'Infinity' })).toMatch(/^Invalid environment:\n {2}SIM_SPEED: /);
  });

  it('refuses COOKIE_SECURE other than on or off', () => {
    expect(refusal({ COOKIE_SECURE: 'yes' })).toMatch(/COOKIE_SECURE: .*"on"\|"off"/);
  });
});

describe('readEnvironment in production', () => {
  it('starts with strong secrets: secure cookies, no demo, no simulator', () => {
    expect(readEnvironment(PRODUCTION)).toMatchObject({ ...PRODUCTION, COOKIE_SECURE: 'on', DEMO: 'off', SIM: 'off' });
  });

  it('lets COOKIE_SECURE be turned off explicitly', () => {
    expect(readEnvironment({ ...PRODUCTION, COOKIE_SECURE: 'off' }).COOKIE_SECURE).toBe('off');
  });

  it('refuses to start with nothing set, naming every missing secret and how to make one', () => {
    expect(refusal({ NODE_ENV: 'production' })).toBe(
      [
        'Refusing to start with NODE_ENV=production:',
        '  SESSION_SECRET: must be set in production; generate one with `openssl rand -base64 48`',
        '  INGEST_TOKEN: must be set in production; generate one with `openssl rand -base64 48`',
        '  VIEW_TOKEN: must be set in production; generate one with `openssl rand -base64 48`',
      ].join('\n'),
    );
  });

  it('refuses the tokens the tests use', () => {
    const message = refusal({ ...PRODUCTION, INGEST_TOKEN: TEST_INGEST_TOKEN, VIEW_TOKEN: TEST_VIEW_TOKEN });
    expect(message).toMatch(/INGEST_TOKEN: must be at least 32 characters in production \(it has 28\)/);
    expect(message).toMatch(/VIEW_TOKEN: must be at least 32 characters in production \(it has 28\)/);
  });

  it.each([
    ['INGEST_TOKEN', `${TEST_INGEST_TOKEN}-padded-to-length`, /contains 'test-ingest-token', a value published in tests or examples/],
    ['VIEW_TOKEN', `xyz-${TEST_VIEW_TOKEN}-padded`, /contains 'test-view-token'/],
    ['SESSION_SECRET', 'please-changeme-before-going-live-ok', /contains 'changeme'/],
    ['INGEST_TOKEN', 'Example-Ingest-Token-For-The-Docs-1234', /contains 'example'/],
    ['VIEW_TOKEN', 'abababababababababababababababababab', /is too repetitive to be random/],
  ])('refuses a weak %s (%s)', (name, value, reason) => {
    const message = refusal({ ...PRODUCTION, [name]: value });
    expect(message).toMatch(/^Refusing to start with NODE_ENV=production:\n/);
    expect(message).toMatch(new RegExp(`  ${name}: ${reason.source}`));
  });

  it('refuses a view token that is also the ingest token, since a wall screen would then be able to write', () => {
    expect(refusal({ ...PRODUCTION, VIEW_TOKEN: STRONG.INGEST_TOKEN })).toBe('Refusing to start with NODE_ENV=production:\n  VIEW_TOKEN: must differ from INGEST_TOKEN');
  });

  it.each(['DEMO', 'SIM'])('refuses %s=on unless ALLOW_DEMO_IN_PRODUCTION=on', (name) => {
    expect(refusal({ ...PRODUCTION, [name]: 'on' })).toBe(
      `Refusing to start with NODE_ENV=production:\n  ${name}: would write demo data into a production database; turn it off, or set ALLOW_DEMO_IN_PRODUCTION=on for a demo installation`,
    );
    expect(readEnvironment({ ...PRODUCTION, [name]: 'on', ALLOW_DEMO_IN_PRODUCTION: 'on' })[name as 'DEMO' | 'SIM']).toBe('on');
  });

  it('reports a malformed value alone, under the plain heading, before judging strength', () => {
    expect(refusal({ NODE_ENV: 'production', PORT: 'eighty' })).toBe('Invalid environment:\n  PORT: Invalid input: expected number, received NaN');
    expect(refusal({ ...PRODUCTION, SESSION_SECRET: 'a'.repeat(31) })).toBe('Invalid environment:\n  SESSION_SECRET: must be at least 32 characters');
  });
});
