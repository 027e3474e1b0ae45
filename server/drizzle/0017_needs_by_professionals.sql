PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_needs_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`association_id` text,
	`professional_id` text,
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
INSERT INTO `__new_needs_reports`("id", "association_id", "filed_by", "circoscrizione", "office_id", "user_area", "need", "people_band", "urgency", "description", "observed_on", "submitted_at", "received_at") SELECT "id", "association_id", "filed_by", "circoscrizione", "office_id", "user_area", "need", "people_band", "urgency", "description", "observed_on", "submitted_at", "received_at" FROM `needs_reports`;--> statement-breakpoint
DROP TABLE `needs_reports`;--> statement-breakpoint
ALTER TABLE `__new_needs_reports` RENAME TO `needs_reports`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `needs_reports_office_idx` ON `needs_reports` (`office_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `needs_reports_association_idx` ON `needs_reports` (`association_id`);--> statement-breakpoint
CREATE INDEX `needs_reports_area_idx` ON `needs_reports` (`circoscrizione`,`user_area`);