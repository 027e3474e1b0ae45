CREATE TABLE `thread_unread` (
	`user_id` text NOT NULL,
	`dossier_id` text NOT NULL,
	`unread` integer NOT NULL,
	PRIMARY KEY(`user_id`, `dossier_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `internal_requests_to_open_idx` ON `internal_requests` (`to_office_id`,`requested_at`) WHERE first_answer_at IS NULL;--> statement-breakpoint
CREATE INDEX `internal_requests_from_open_idx` ON `internal_requests` (`from_office_id`,`requested_at`) WHERE first_answer_at IS NULL;