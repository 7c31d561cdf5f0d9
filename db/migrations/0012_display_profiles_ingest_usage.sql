CREATE TABLE `ingest_token_rejections` (
	`id` integer PRIMARY KEY NOT NULL,
	`token_id` text NOT NULL,
	`at` integer NOT NULL,
	`event_id` text,
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ingest_token_rejections_token_idx` ON `ingest_token_rejections` (`token_id`,`at`);--> statement-breakpoint
CREATE TABLE `ingest_token_usage` (
	`token_id` text NOT NULL,
	`minute` integer NOT NULL,
	`accepted` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`token_id`, `minute`)
);
--> statement-breakpoint
ALTER TABLE `display_tokens` ADD `thresholds` text;--> statement-breakpoint
ALTER TABLE `ingest_tokens` ADD `last_used_at` integer;