-- The timer queue is rebuilt at start through the running clocks' partial indexes (server/sla/slaStore.ts pendingFires);
-- this index was written by nearly every clock write and read only then.
DROP INDEX IF EXISTS `sla_clocks_next_fire_idx`;
