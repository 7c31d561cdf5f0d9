CREATE TABLE `metric_levels` (
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`center_id` text NOT NULL,
	`sampled_at` integer NOT NULL,
	`backlog_open` integer NOT NULL,
	`breached_open` integer NOT NULL,
	`at_risk_open` integer NOT NULL,
	PRIMARY KEY(`grain`, `bucket`, `center_id`)
);
--> statement-breakpoint
CREATE TABLE `metric_rollups` (
	`grain` text NOT NULL,
	`series` text NOT NULL,
	`bucket` integer NOT NULL,
	`center_id` text NOT NULL,
	`engineer_id` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`grain`, `series`, `bucket`, `center_id`, `engineer_id`)
);
--> statement-breakpoint
DROP TABLE `center_flow_daily`;--> statement-breakpoint
DROP TABLE `center_flow_hourly`;