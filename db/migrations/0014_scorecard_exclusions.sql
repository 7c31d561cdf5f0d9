CREATE TABLE `scorecard_exclusions` (
	`id` text PRIMARY KEY NOT NULL,
	`engineer_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`reason` text NOT NULL,
	`excluded_by` text NOT NULL,
	`excluded_at` integer NOT NULL,
	`revoked_by` text,
	`revoked_at` integer,
	FOREIGN KEY (`engineer_id`) REFERENCES `engineers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scorecard_exclusions_engineer_idx` ON `scorecard_exclusions` (`engineer_id`,`excluded_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `scorecard_exclusions_live_idx` ON `scorecard_exclusions` (`engineer_id`,`ticket_id`) WHERE revoked_at is null;
