CREATE TABLE `alert_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`actor` text NOT NULL,
	`comment` text,
	`value` real,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `alert_history_fingerprint_idx` ON `alert_history` (`fingerprint`,`at`);--> statement-breakpoint
CREATE TABLE `alert_instances` (
	`fingerprint` text PRIMARY KEY NOT NULL,
	`rule_id` text NOT NULL,
	`scope` text NOT NULL,
	`labels` text NOT NULL,
	`severity` text NOT NULL,
	`state` text NOT NULL,
	`value` real,
	`count` integer DEFAULT 0 NOT NULL,
	`state_since` integer NOT NULL,
	`pending_since` integer,
	`firing_since` integer,
	`last_true_at` integer,
	`last_evaluated_at` integer NOT NULL,
	`resolved_at` integer,
	`error` text,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`acknowledge_comment` text,
	`assignee` text,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`escalated_at` integer
);
--> statement-breakpoint
CREATE INDEX `alert_instances_state_idx` ON `alert_instances` (`state`,`state_since`);--> statement-breakpoint
CREATE INDEX `alert_instances_rule_idx` ON `alert_instances` (`rule_id`);--> statement-breakpoint
CREATE TABLE `alert_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`builtin` integer DEFAULT false NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alert_silences` (
	`id` text PRIMARY KEY NOT NULL,
	`matchers` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`comment` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alert_silences_ends_idx` ON `alert_silences` (`ends_at`);--> statement-breakpoint
CREATE TABLE `notification_groups` (
	`target_id` text NOT NULL,
	`group_key` text NOT NULL,
	`flush_at` integer,
	`last_sent_at` integer,
	`last_sent_digest` text,
	PRIMARY KEY(`target_id`, `group_key`)
);
--> statement-breakpoint
CREATE INDEX `notification_groups_flush_idx` ON `notification_groups` (`flush_at`);--> statement-breakpoint
CREATE TABLE `notification_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`scope` text NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`levels` text NOT NULL,
	`min_severity` text DEFAULT 'info' NOT NULL,
	`group_wait_ms` integer NOT NULL,
	`group_interval_ms` integer NOT NULL,
	`repeat_interval_ms` integer NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY NOT NULL,
	`target_id` text NOT NULL,
	`group_key` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_status_code` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_target_idx` ON `webhook_deliveries` (`target_id`,`created_at`);