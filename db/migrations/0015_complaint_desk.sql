ALTER TABLE `complaints` ADD `source` text DEFAULT 'customer' NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `handler` text;--> statement-breakpoint
ALTER TABLE `complaints` ADD `first_response_at` integer;--> statement-breakpoint
ALTER TABLE `complaints` ADD `level_since` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `cycle` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `complaints` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `complaints` ADD `satisfied` integer;--> statement-breakpoint
ALTER TABLE `complaints` ADD `closed_at` integer;--> statement-breakpoint
UPDATE `complaints` SET `handler` = `owner`, `level_since` = coalesce(`escalated_at`, `opened_at`), `first_response_at` = CASE WHEN `escalated_at` IS NULL THEN `resolved_at` WHEN `resolved_at` IS NULL THEN `escalated_at` ELSE min(`escalated_at`, `resolved_at`) END;--> statement-breakpoint
UPDATE `complaints` SET `status` = 'awaiting_confirmation' WHERE `status` = 'resolved';--> statement-breakpoint
CREATE INDEX `complaints_id_idx` ON `complaints` (`id`);--> statement-breakpoint
CREATE INDEX `complaints_opened_idx` ON `complaints` (`opened_at`,`ticket_id`,`id`);
