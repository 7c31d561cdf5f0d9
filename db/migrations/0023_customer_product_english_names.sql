ALTER TABLE `customers` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `products` ADD `line_en` text;--> statement-breakpoint
CREATE INDEX `customers_name_en_idx` ON `customers` (`name_en`);
