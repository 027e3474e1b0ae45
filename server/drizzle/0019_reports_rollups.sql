CREATE TABLE `stats_durations_city` (
	`measure` text NOT NULL,
	`month` text NOT NULL,
	`days` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`measure`, `month`, `days`)
);
--> statement-breakpoint
CREATE INDEX `stats_durations_city_cover_idx` ON `stats_durations_city` (`measure`,`month`,`days`,`n`);--> statement-breakpoint
CREATE TABLE `stats_durations_office` (
	`office_id` text NOT NULL,
	`measure` text NOT NULL,
	`month` text NOT NULL,
	`days` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`office_id`, `measure`, `month`, `days`)
);
--> statement-breakpoint
CREATE INDEX `stats_durations_office_cover_idx` ON `stats_durations_office` (`office_id`,`measure`,`month`,`days`,`n`);--> statement-breakpoint
CREATE TABLE `stats_durations_service` (
	`measure` text NOT NULL,
	`month` text NOT NULL,
	`service_code` text NOT NULL,
	`days` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`measure`, `month`, `service_code`, `days`)
);
--> statement-breakpoint
CREATE INDEX `stats_durations_service_cover_idx` ON `stats_durations_service` (`measure`,`month`,`service_code`,`days`,`n`);--> statement-breakpoint
CREATE TABLE `stats_open_office` (
	`office_id` text NOT NULL,
	`received_on` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`office_id`, `received_on`)
);
--> statement-breakpoint
CREATE INDEX `stats_open_office_cover_idx` ON `stats_open_office` (`office_id`,`received_on`,`n`);--> statement-breakpoint
INSERT INTO `stats_durations_office` (`office_id`, `measure`, `month`, `days`, `n`) SELECT `office_id`, `measure`, `month`, `days`, sum(`n`) FROM `stats_durations` GROUP BY 1, 2, 3, 4 HAVING sum(`n`) != 0;--> statement-breakpoint
INSERT INTO `stats_durations_service` (`measure`, `month`, `service_code`, `days`, `n`) SELECT `measure`, `month`, `service_code`, `days`, sum(`n`) FROM `stats_durations` GROUP BY 1, 2, 3, 4 HAVING sum(`n`) != 0;--> statement-breakpoint
INSERT INTO `stats_durations_city` (`measure`, `month`, `days`, `n`) SELECT `measure`, `month`, `days`, sum(`n`) FROM `stats_durations` GROUP BY 1, 2, 3 HAVING sum(`n`) != 0;--> statement-breakpoint
INSERT INTO `stats_open_office` (`office_id`, `received_on`, `n`) SELECT `office_id`, `received_on`, sum(`n`) FROM `stats_open` GROUP BY 1, 2 HAVING sum(`n`) != 0;
