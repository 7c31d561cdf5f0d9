CREATE TABLE `center_flow_daily` (
	`center_id` text NOT NULL,
	`day` text NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `center_id`)
);
--> statement-breakpoint
CREATE TABLE `center_flow_hourly` (
	`center_id` text NOT NULL,
	`hour_start` integer NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`hour_start`, `center_id`)
);
--> statement-breakpoint
CREATE TABLE `centers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`region_id` text NOT NULL,
	`zone` text NOT NULL,
	`time_zone` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `complaints` (
	`ticket_id` text NOT NULL,
	`id` text NOT NULL,
	`customer_id` text NOT NULL,
	`category` text NOT NULL,
	`severity` text NOT NULL,
	`level` integer NOT NULL,
	`owner` text,
	`status` text NOT NULL,
	`opened_at` integer NOT NULL,
	`escalated_at` integer,
	`resolved_at` integer,
	`resolution` text,
	PRIMARY KEY(`ticket_id`, `id`),
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaints_status_idx` ON `complaints` (`status`,`opened_at`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`tier` text NOT NULL,
	`contract` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `engineers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`center_id` text NOT NULL,
	`skills` text DEFAULT '[]' NOT NULL,
	`on_shift` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`center_id`) REFERENCES `centers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `engineers_center_idx` ON `engineers` (`center_id`);--> statement-breakpoint
CREATE TABLE `parts_requests` (
	`ticket_id` text NOT NULL,
	`id` text NOT NULL,
	`part_no` text NOT NULL,
	`quantity` integer NOT NULL,
	`requested_at` integer NOT NULL,
	`shipped_at` integer,
	`delivered_at` integer,
	PRIMARY KEY(`ticket_id`, `id`),
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `product_lines` (
	`name` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `products` (
	`model` text PRIMARY KEY NOT NULL,
	`line` text NOT NULL,
	FOREIGN KEY (`line`) REFERENCES `product_lines`(`name`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	FOREIGN KEY (`parent_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`at` integer NOT NULL,
	`score` integer,
	`failed_reason` text,
	`comment` text,
	FOREIGN KEY (`ticket_id`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `surveys_ticket_idx` ON `surveys` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`source` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_events_id_unique` ON `ticket_events` (`id`);--> statement-breakpoint
CREATE INDEX `ticket_events_ticket_idx` ON `ticket_events` (`ticket_id`,`at`,`seq`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`center_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`engineer_id` text,
	`product_model` text,
	`serial_no` text,
	`priority` text NOT NULL,
	`type` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`symptom` text,
	`cause` text,
	`visit_count` integer DEFAULT 0 NOT NULL,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`assigned_at` integer,
	`scheduled_at` integer,
	`appointment_at` integer,
	`first_response_at` integer,
	`arrived_at` integer,
	`resolved_at` integer,
	`closed_at` integer,
	`cancelled_at` integer,
	`reopened_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`center_id`) REFERENCES `centers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`engineer_id`) REFERENCES `engineers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_model`) REFERENCES `products`(`model`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tickets_status_center_idx` ON `tickets` (`status`,`center_id`);--> statement-breakpoint
CREATE INDEX `tickets_center_created_idx` ON `tickets` (`center_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_created_idx` ON `tickets` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_engineer_idx` ON `tickets` (`engineer_id`);