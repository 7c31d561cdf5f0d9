import { describe, expect, it } from 'vitest';
import { TWENTY_FOUR_SEVEN } from '../../shared/calendar/builtinCalendars';
import { boardItem } from '../../test/support/boardItems';
import { buildRows } from './breachBoardRows';

const NOW = Date.parse('2026-11-23T10:30:00+08:00');
const MINUTE = 60_000;

describe('breach desk rows', () => {
  it('keeps the server order and reads each clock at the browser instant', () => {
    const rows = buildRows([boardItem('T-soon', 10), boardItem('T-late', -5)], () => TWENTY_FOUR_SEVEN, NOW + 20 * MINUTE);
    expect(rows.map((row) => row.item.ticketId)).toEqual(['T-soon', 'T-late']);
    // Ten minutes due at NOW, read twenty minutes later: now ten minutes past due, and red.
    expect(rows[0]!.reading.remainingMs).toBe(-10 * MINUTE);
    expect(rows[0]!.tone).toBe('breached');
    expect(rows[1]!.reading.remainingMs).toBe(-25 * MINUTE);
  });

  it('colours by the share used: green, amber from 75 %, red once due', () => {
    const rows = buildRows([boardItem('T-calm', 45), boardItem('T-warn', 10), boardItem('T-due', 0)], () => TWENTY_FOUR_SEVEN, NOW);
    expect(rows.map((row) => row.tone)).toEqual(['ok', 'warning', 'breached']);
  });

  it('leaves a paused clock as the server read it', () => {
    const [row] = buildRows([boardItem('T-paused', 30, { state: 'paused', remainingMs: 30 * MINUTE })], () => TWENTY_FOUR_SEVEN, NOW + 60 * MINUTE);
    expect(row!.reading.remainingMs).toBe(30 * MINUTE);
  });
});
