CREATE TABLE `anagrafe_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`rows` integer DEFAULT 0 NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `anagrafe_imports_sha_idx` ON `anagrafe_imports` (`sha256`);--> statement-breakpoint
CREATE TABLE `dossier_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`office_id` text NOT NULL,
	`kind` text NOT NULL,
	`detail` text NOT NULL,
	`import_id` text,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `anagrafe_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossier_flags_office_idx` ON `dossier_flags` (`office_id`,`resolved_at`);--> statement-breakpoint
CREATE INDEX `dossier_flags_dossier_idx` ON `dossier_flags` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `person_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`import_id` text NOT NULL,
	`line` integer NOT NULL,
	`changed_on` text,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `anagrafe_imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_history_person_idx` ON `person_history` (`person_id`,`id`);--> statement-breakpoint
ALTER TABLE `persons` ADD `address` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `household_id` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `registry_updated_on` text;