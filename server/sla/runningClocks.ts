import { FOLLOW_UP_METRIC } from '../../shared/api/slaBoardApi';

/**
 * Running clocks (active or paused) as the store indexes them: two partial indexes by due instant, open work
 * and follow-up, each with its filter written out literally, as SQLite uses a partial index only where a
 * query's filter visibly implies it. There is no other index of running clocks: (state, due_at) and the next
 * firing's were dropped (0021, 0022) because nearly every clock write wrote them and these two serve their readers.
 */
export const RUNNING_CLOCK_SOURCES = {
  work: { from: 'sla_clocks c indexed by sla_clocks_work_due_idx', where: `c.state in ('active', 'paused') and c.metric <> '${FOLLOW_UP_METRIC}'` },
  followup: { from: 'sla_clocks c indexed by sla_clocks_followup_due_idx', where: `c.state in ('active', 'paused') and c.metric = '${FOLLOW_UP_METRIC}'` },
} as const;

/**
 * Every running clock that meets `condition` (on `c`, the clock), both indexes read: `select … from <source>
 * <joins> where <running> and (condition)`, once per source, joined by `union all`; `tail` (order by, limit)
 * applies to the whole. `joins` and `condition` may hold `?` parameters: pass them twice, once per source.
 */
export function overRunningClocks(select: string, condition: string, { joins = '', tail = '' } = {}): string {
  const arm = ({ from, where }: { from: string; where: string }) => `${select} from ${from} ${joins} where ${where} and (${condition})`;
  return `${arm(RUNNING_CLOCK_SOURCES.work)} union all ${arm(RUNNING_CLOCK_SOURCES.followup)} ${tail}`;
}
