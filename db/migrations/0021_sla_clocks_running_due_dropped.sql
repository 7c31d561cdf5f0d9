-- Running clocks are read through the two partial indexes by due instant (server/sla/runningClocks.ts);
-- (state, due_at) was written by every new clock and every stop and is no longer read.
DROP INDEX IF EXISTS `sla_clocks_running_due_idx`;
