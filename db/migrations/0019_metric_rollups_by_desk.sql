CREATE TABLE `metric_rollups_by_desk` (
	`grain` text NOT NULL,
	`bucket` integer NOT NULL,
	`center_id` text NOT NULL,
	`engineer_id` text NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	`complaints_opened` integer DEFAULT 0 NOT NULL,
	`csat_scored` integer DEFAULT 0 NOT NULL,
	`csat_score_sum` integer DEFAULT 0 NOT NULL,
	`first_response_judged` integer DEFAULT 0 NOT NULL,
	`first_response_met` integer DEFAULT 0 NOT NULL,
	`on_site_judged` integer DEFAULT 0 NOT NULL,
	`on_site_met` integer DEFAULT 0 NOT NULL,
	`resolution_judged` integer DEFAULT 0 NOT NULL,
	`resolution_met` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`grain`, `bucket`, `center_id`, `engineer_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `metric_rollups_by_desk` SELECT `grain`, `bucket`, `center_id`, `engineer_id`,
	sum(CASE WHEN `series` = 'created' THEN `n` ELSE 0 END),
	sum(CASE WHEN `series` = 'resolved' THEN `n` ELSE 0 END),
	sum(CASE WHEN `series` = 'complaints_opened' THEN `n` ELSE 0 END),
	sum(CASE WHEN `series` = 'csat' THEN `n` ELSE 0 END),
	sum(CASE WHEN `series` = 'csat' THEN `total` ELSE 0 END),
	sum(CASE WHEN `series` = 'sla_judged:first_response' THEN `n` ELSE 0 END),
	sum(CASE WHEN `series` = 'sla_met:first_response' THEN `n` ELSE 0 END),
	sum(CASE WHEN `series` = 'sla_judged:on_site' THEN `n` ELSE 0 END),
	sum(CASE WHEN `series` = 'sla_met:on_site' THEN `n` ELSE 0 END),
	sum(CASE WHEN `series` = 'sla_judged:resolution' THEN `n` ELSE 0 END),
	sum(CASE WHEN `series` = 'sla_met:resolution' THEN `n` ELSE 0 END)
FROM `metric_rollups` GROUP BY `grain`, `bucket`, `center_id`, `engineer_id`;
--> statement-breakpoint
DROP TABLE `metric_rollups`;
--> statement-breakpoint
ALTER TABLE `metric_rollups_by_desk` RENAME TO `metric_rollups`;
