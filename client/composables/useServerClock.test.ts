import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { useServerClockStore, useServerNow } from './useServerClock';

describe('the server time a page shows', () => {
  it('follows a reading from an answer at once, not at the next quarter-second sample', () => {
    setActivePinia(createPinia());
    const scope = effectScope();
    const shown = scope.run(() => useServerNow())!;
    // A test server's clock, weeks from the browser's: until the answer came the page held the browser's time.
    const serverAt = Date.parse('2026-11-23T10:30:00+08:00');
    useServerClockStore().observe(serverAt);
    expect(shown.value).toBe(serverAt);
    scope.stop();
  });
});
