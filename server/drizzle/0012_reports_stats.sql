CREATE TABLE `stats_dossiers` (
	`dossier_id` text PRIMARY KEY NOT NULL,
	`office_id` text NOT NULL,
	`service_code` text NOT NULL,
	`circoscrizione` integer NOT NULL,
	`received_on` text NOT NULL,
	`protocolled_on` text,
	`closed_on` text,
	`outcome` text,
	`served_on` text,
	`to_protocol_days` integer,
	`to_decision_days` integer,
	`to_service_days` integer,
	`request_to_decision_days` integer,
	`within_term` integer
);
--> statement-breakpoint
CREATE TABLE `stats_durations` (
	`measure` text NOT NULL,
	`month` text NOT NULL,
	`office_id` text NOT NULL,
	`service_code` text NOT NULL,
	`circoscrizione` integer NOT NULL,
	`days` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`measure`, `month`, `office_id`, `service_code`, `circoscrizione`, `days`)
);
--> statement-breakpoint
CREATE INDEX `stats_durations_city_idx` ON `stats_durations` (`measure`,`month`,`service_code`,`circoscrizione`,`days`,`n`);--> statement-breakpoint
CREATE INDEX `stats_durations_office_idx` ON `stats_durations` (`office_id`,`measure`,`month`,`service_code`,`circoscrizione`,`days`,`n`);--> statement-breakpoint
CREATE TABLE `stats_monthly` (
	`month` text NOT NULL,
	`office_id` text NOT NULL,
	`service_code` text NOT NULL,
	`circoscrizione` integer NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`decided` integer DEFAULT 0 NOT NULL,
	`decided_with_term` integer DEFAULT 0 NOT NULL,
	`decided_in_term` integer DEFAULT 0 NOT NULL,
	`withdrawn` integer DEFAULT 0 NOT NULL,
	`served` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `office_id`, `service_code`, `circoscrizione`)
);
--> statement-breakpoint
CREATE INDEX `stats_monthly_office_idx` ON `stats_monthly` (`office_id`,`month`);--> statement-breakpoint
CREATE TABLE `stats_open` (
	`office_id` text NOT NULL,
	`service_code` text NOT NULL,
	`circoscrizione` integer NOT NULL,
	`received_on` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`office_id`, `service_code`, `circoscrizione`, `received_on`)
);
--> statement-breakpoint
CREATE INDEX `stats_open_city_idx` ON `stats_open` (`received_on`,`service_code`,`circoscrizione`,`office_id`,`n`);