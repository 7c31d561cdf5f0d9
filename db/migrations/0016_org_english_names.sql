ALTER TABLE `regions` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `centers` ADD `name_en` text;
