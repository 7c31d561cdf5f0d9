CREATE TABLE `business_calendars` (
	`id` text PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`builtin` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sla_clocks` (
	`ticket_id` text NOT NULL,
	`metric` text NOT NULL,
	`cycle` integer NOT NULL,
	`subject_id` text,
	`center_id` text NOT NULL,
	`policy_id` text NOT NULL,
	`policy_version` integer NOT NULL,
	`calendar_id` text NOT NULL,
	`time_zone` text NOT NULL,
	`counting` text NOT NULL,
	`state` text NOT NULL,
	`breached` integer NOT NULL,
	`started_at` integer NOT NULL,
	`stopped_at` integer,
	`target_ms` integer NOT NULL,
	`due_at` integer NOT NULL,
	`original_due_at` integer NOT NULL,
	`elapsed_business_ms` integer NOT NULL,
	`elapsed_calendar_ms` integer NOT NULL,
	`counted_until` integer NOT NULL,
	`running_since` integer,
	`thresholds` text NOT NULL,
	`fired` text NOT NULL,
	`met_announced` integer DEFAULT false NOT NULL,
	`next_fire_at` integer,
	PRIMARY KEY(`ticket_id`, `metric`, `cycle`)
);
--> statement-breakpoint
CREATE INDEX `sla_clocks_running_due_idx` ON `sla_clocks` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `sla_clocks_next_fire_idx` ON `sla_clocks` (`next_fire_at`);--> statement-breakpoint
CREATE INDEX `sla_clocks_center_idx` ON `sla_clocks` (`center_id`,`state`);--> statement-breakpoint
CREATE TABLE `sla_policy_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`policies` text NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` integer NOT NULL,
	`note` text
);
