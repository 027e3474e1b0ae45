CREATE TABLE `associations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`runts_number` text NOT NULL,
	`approved` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `changes` (
	`version` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`op` text NOT NULL,
	`office_id` text,
	`association_id` text,
	`person_id` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `changes_office_idx` ON `changes` (`office_id`,`version`);--> statement-breakpoint
CREATE INDEX `changes_association_idx` ON `changes` (`association_id`,`version`);--> statement-breakpoint
CREATE INDEX `changes_person_idx` ON `changes` (`person_id`,`version`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`person_id` text NOT NULL,
	`operator_id` text NOT NULL,
	`association_id` text,
	`method` text NOT NULL,
	`witness_name` text,
	`text_version` text NOT NULL,
	`collected_at` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`operator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`service_code` text NOT NULL,
	`service_version` integer NOT NULL,
	`person_id` text NOT NULL,
	`status` text NOT NULL,
	`circoscrizione` integer NOT NULL,
	`office_id` text NOT NULL,
	`association_id` text,
	`filed_by` text NOT NULL,
	`assigned_to` text,
	`answers` text NOT NULL,
	`submitted_at` text NOT NULL,
	`received_at` text NOT NULL,
	`protocol_number` text,
	`protocolled_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossiers_office_status_idx` ON `dossiers` (`office_id`,`status`);--> statement-breakpoint
CREATE INDEX `dossiers_person_idx` ON `dossiers` (`person_id`);--> statement-breakpoint
CREATE INDEX `dossiers_association_idx` ON `dossiers` (`association_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_protocol_uq` ON `dossiers` (`protocol_number`);--> statement-breakpoint
CREATE TABLE `offices` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`circoscrizione` integer,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`email` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`codice_fiscale` text NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`birth_date` text NOT NULL,
	`sex` text NOT NULL,
	`phone` text,
	`circoscrizione` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `persons_cf_uq` ON `persons` (`codice_fiscale`);--> statement-breakpoint
CREATE TABLE `protocol_counters` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `services` (
	`code` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`term_days` integer NOT NULL,
	`day_kind` text NOT NULL,
	`siuss` text,
	`user_area` text NOT NULL,
	`sensitive` integer NOT NULL,
	`definition` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`code`, `version`)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `status_events` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text NOT NULL,
	`reason` text,
	`at` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_events_dossier_idx` ON `status_events` (`dossier_id`,`at`);--> statement-breakpoint
CREATE TABLE `sync_clients` (
	`client_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`last_seq` integer NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sync_mutations` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`seq` integer NOT NULL,
	`name` text NOT NULL,
	`payload_hash` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text NOT NULL,
	`processed_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`office_id` text,
	`association_id` text,
	`person_id` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_uq` ON `users` (`username`);