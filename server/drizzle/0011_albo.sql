CREATE TABLE `dossier_mediators` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`professional_id` text NOT NULL,
	`user_id` text NOT NULL,
	`purpose` text NOT NULL,
	`sensitive_granted` integer DEFAULT false NOT NULL,
	`added_by` text NOT NULL,
	`added_at` text NOT NULL,
	`removed_at` text,
	`removed_by` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossier_mediators_user_idx` ON `dossier_mediators` (`user_id`,`removed_at`);--> statement-breakpoint
CREATE INDEX `dossier_mediators_dossier_idx` ON `dossier_mediators` (`dossier_id`,`removed_at`);--> statement-breakpoint
CREATE TABLE `professional_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`professional_id` text NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`added_at` text NOT NULL,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `professional_documents_idx` ON `professional_documents` (`professional_id`);--> statement-breakpoint
CREATE TABLE `professional_events` (
	`id` text PRIMARY KEY NOT NULL,
	`professional_id` text NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`note` text,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `professional_events_idx` ON `professional_events` (`professional_id`,`at`);--> statement-breakpoint
CREATE TABLE `professionals` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`codice_fiscale` text NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text NOT NULL,
	`qualification` text NOT NULL,
	`professional_order` text NOT NULL,
	`registration_number` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`user_areas` text NOT NULL,
	`languages` text NOT NULL,
	`circoscrizioni` text NOT NULL,
	`association_ids` text NOT NULL,
	`publish` text NOT NULL,
	`access_code_hash` text NOT NULL,
	`submitted_at` text NOT NULL,
	`review_note` text,
	`reviewed_at` text,
	`reviewed_by` text,
	`applicant_note` text,
	`renewal_requested_at` text,
	`listed_at` text,
	`expires_on` text,
	`reminded_for` text,
	`delisted_at` text,
	`user_id` text,
	`person_id` text,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `professionals_cf_uq` ON `professionals` (`codice_fiscale`);--> statement-breakpoint
CREATE INDEX `professionals_status_idx` ON `professionals` (`status`,`expires_on`);--> statement-breakpoint
ALTER TABLE `changes` ADD `user_id` text;--> statement-breakpoint
CREATE INDEX `changes_user_idx` ON `changes` (`user_id`,`version`);