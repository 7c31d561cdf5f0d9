DROP INDEX `sla_clocks_center_idx`;--> statement-breakpoint
DROP INDEX `sla_clocks_next_fire_idx`;--> statement-breakpoint
CREATE INDEX `sla_clocks_next_fire_idx` ON `sla_clocks` (`next_fire_at`,`ticket_id`,`metric`,`cycle`) WHERE next_fire_at is not null;
