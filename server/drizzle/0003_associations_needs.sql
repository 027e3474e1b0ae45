CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_code_uq` ON `invitations` (`code_hash`);--> statement-breakpoint
CREATE INDEX `invitations_user_idx` ON `invitations` (`user_id`);--> statement-breakpoint
CREATE TABLE `needs_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`association_id` text NOT NULL,
	`filed_by` text NOT NULL,
	`circoscrizione` integer NOT NULL,
	`office_id` text NOT NULL,
	`user_area` text NOT NULL,
	`need` text NOT NULL,
	`people_band` text NOT NULL,
	`urgency` text NOT NULL,
	`description` text NOT NULL,
	`observed_on` text NOT NULL,
	`submitted_at` text NOT NULL,
	`received_at` text NOT NULL,
	FOREIGN KEY (`association_id`) REFERENCES `associations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `needs_reports_office_idx` ON `needs_reports` (`office_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `needs_reports_association_idx` ON `needs_reports` (`association_id`);--> statement-breakpoint
CREATE INDEX `needs_reports_area_idx` ON `needs_reports` (`circoscrizione`,`user_area`);--> statement-breakpoint
ALTER TABLE `associations` ADD `description` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `associations` ADD `user_areas` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `associations` ADD `circoscrizioni` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `associations` ADD `service_codes` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `associations` ADD `address` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `associations` ADD `phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `associations` ADD `email` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `associations` ADD `website` text;--> statement-breakpoint
ALTER TABLE `associations` ADD `opening_hours` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `associations` ADD `approved_at` text;--> statement-breakpoint
ALTER TABLE `associations` ADD `approved_by` text;