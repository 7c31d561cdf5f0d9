import { describe, expect, it } from 'vitest';
import { BOARD_NOW, boardItem } from '../../test/support/boardItems';
import { breachRows } from './breachRows';

const MINUTE = 60_000;

describe('breachRows', () => {
  it('counts down from each clock\'s due time at the server instant, keeping the server order', () => {
    const rows = breachRows([boardItem('T-soon', 5), boardItem('T-later', 50), boardItem('T-late', -3)], BOARD_NOW + 2 * MINUTE);
    expect(rows.map((row) => [row.item.ticketId, row.remainingMs / MINUTE, row.tone])).toEqual([
      ['T-soon', 3, 'warning'],
      ['T-later', 48, 'ok'],
      ['T-late', -5, 'breached'],
    ]);
  });

  it('turns a row red the moment it passes due, and holds a paused clock where the server read it', () => {
    const [due, paused] = breachRows([boardItem('T-due', 1), boardItem('T-paused', 20, { state: 'paused' })], BOARD_NOW + 90_000);
    expect(due!.tone).toBe('breached');
    expect(paused!.remainingMs).toBe(20 * MINUTE);
  });

  it('keeps a clock seconds from due amber though the server rounded its share used up to 100 %', () => {
    const [row] = breachRows([boardItem('T-week', 2, { percent: 100 })], BOARD_NOW);
    expect(row!.remainingMs).toBe(2 * MINUTE);
    expect(row!.tone).toBe('warning');
  });
});
