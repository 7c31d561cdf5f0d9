DROP INDEX `sla_clocks_work_due_idx`;--> statement-breakpoint
DROP INDEX `sla_clocks_followup_due_idx`;--> statement-breakpoint
ALTER TABLE `sla_clocks` ADD `priority` text;--> statement-breakpoint
ALTER TABLE `sla_clocks` ADD `customer_id` text;--> statement-breakpoint
UPDATE `sla_clocks` SET `priority` = (SELECT `priority` FROM `tickets` WHERE `tickets`.`id` = `sla_clocks`.`ticket_id`), `customer_id` = (SELECT `customer_id` FROM `tickets` WHERE `tickets`.`id` = `sla_clocks`.`ticket_id`);--> statement-breakpoint
CREATE INDEX `sla_clocks_work_due_idx` ON `sla_clocks` (`due_at`,`ticket_id`,`metric`,`cycle`,`center_id`,`state`,`breached`,`priority`,`customer_id`) WHERE state in ('active', 'paused') and metric <> 'return_visit';--> statement-breakpoint
CREATE INDEX `sla_clocks_followup_due_idx` ON `sla_clocks` (`due_at`,`ticket_id`,`metric`,`cycle`,`center_id`,`state`,`breached`,`priority`,`customer_id`) WHERE state in ('active', 'paused') and metric = 'return_visit';