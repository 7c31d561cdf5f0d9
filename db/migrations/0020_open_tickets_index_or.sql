DROP INDEX `tickets_open_id_idx`;--> statement-breakpoint
CREATE INDEX `tickets_open_id_idx` ON `tickets` (`id`) WHERE (status = 'new' or status = 'assigned' or status = 'scheduled' or status = 'on_site' or status = 'waiting_parts' or status = 'waiting_customer');
