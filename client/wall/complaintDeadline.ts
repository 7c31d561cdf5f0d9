import type { SlaClockView } from '../../shared/api/slaApi';
import type { ComplaintListRow } from '../../shared/complaints/complaintApi';

export interface ComplaintDeadline {
  kind: 'response' | 'resolution' | 'escalation';
  clock: SlaClockView;
}

/** The running deadline that comes first: what a complaint must beat next, from across the room. */
export function nextDeadline(row: Pick<ComplaintListRow, 'clocks'>): ComplaintDeadline | null {
  let first: ComplaintDeadline | null = null;
  for (const kind of ['response', 'resolution', 'escalation'] as const) {
    const clock = row.clocks[kind];
    if (clock?.state !== 'active') continue;
    if (first === null || Date.parse(clock.dueAt) < Date.parse(first.clock.dueAt)) first = { kind, clock };
  }
  return first;
}
