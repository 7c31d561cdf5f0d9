UPDATE `alert_rules` SET `definition` = replace(`definition`, '"complaint_closure_median"', '"complaint_resolution_median"') WHERE `definition` LIKE '%"complaint_closure_median"%';--> statement-breakpoint
UPDATE `display_tokens` SET `thresholds` = replace(`thresholds`, 'complaint_closure_median', 'complaint_resolution_median') WHERE `thresholds` LIKE '%complaint_closure_median%';
