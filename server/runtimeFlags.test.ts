import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_V8_FLAGS, missingServerFlags } from './runtimeFlags';

describe('the server runtime flags', () => {
  it('are all passed by npm start, ahead of the entry point', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    const launch = scripts.start!.split('&&').map((part) => part.trim()).find((part) => part.endsWith('server/main.ts'))!;
    expect(launch.split(/\s+/).slice(1, -1)).toEqual(expect.arrayContaining([...SERVER_V8_FLAGS]));
  });

  it('name the ones a process was started without', () => {
    expect(missingServerFlags(['--import', 'tsx'])).toEqual([...SERVER_V8_FLAGS]);
    expect(missingServerFlags(['--import', 'tsx', ...SERVER_V8_FLAGS])).toEqual([]);
  });
});
