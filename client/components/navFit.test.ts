import { describe, expect, it } from 'vitest';
import { fittingEntryCount } from './navFit';

describe('fittingEntryCount', () => {
  it('keeps every entry in the bar when they all fit, with no room kept for More', () => {
    expect(fittingEntryCount([50, 50, 50], 60, 160, 5)).toBe(3);
  });

  it('moves the entries that do not fit behind More, keeping room for the button', () => {
    // 60 (More) + 5 + 50 + 5 + 50 = 170 fits in 175; a third would need 225.
    expect(fittingEntryCount([50, 50, 50, 50], 60, 175, 5)).toBe(2);
  });

  it('puts everything behind More when not even one entry fits beside it', () => {
    expect(fittingEntryCount([80, 80], 60, 100, 5)).toBe(0);
  });
});
