CREATE TABLE `internal_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_office_id` text NOT NULL,
	`to_office_id` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`acknowledged_at` text,
	`acknowledged_by` text,
	`answered_at` text,
	`answered_by` text,
	`answer` text,
	`first_answer_at` text,
	`first_answer_seconds` integer,
	`answered_by_office` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_office`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `internal_requests_to_idx` ON `internal_requests` (`to_office_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `internal_requests_from_idx` ON `internal_requests` (`from_office_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `internal_requests_dossier_idx` ON `internal_requests` (`dossier_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `internal_requests_requested_idx` ON `internal_requests` (`requested_at`);--> statement-breakpoint
CREATE TABLE `thread_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`request_id` text,
	`kind` text NOT NULL,
	`author_id` text NOT NULL,
	`author_office_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `internal_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `thread_messages_dossier_idx` ON `thread_messages` (`dossier_id`,`id`);--> statement-breakpoint
CREATE INDEX `thread_messages_request_idx` ON `thread_messages` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `thread_reads` (
	`user_id` text NOT NULL,
	`dossier_id` text NOT NULL,
	`last_read_id` integer NOT NULL,
	`read_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `dossier_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
