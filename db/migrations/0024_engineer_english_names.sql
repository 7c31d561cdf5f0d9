ALTER TABLE `engineers` ADD `name_en` text;
