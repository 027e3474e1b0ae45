CREATE TABLE `attachment_uploads` (
	`sha256` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`sha256`, `user_id`),
	FOREIGN KEY (`sha256`) REFERENCES `attachments`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachment_uploads_user_idx` ON `attachment_uploads` (`user_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`mime` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `dossier_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`author_id` text NOT NULL,
	`message` text NOT NULL,
	`answered_at` text NOT NULL,
	`received_at` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossier_answers_dossier_idx` ON `dossier_answers` (`dossier_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `dossier_attachments` (
	`dossier_id` text NOT NULL,
	`sha256` text NOT NULL,
	`name` text NOT NULL,
	`document_kind` text,
	`answer_id` text,
	`added_by` text NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`dossier_id`, `sha256`),
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answer_id`) REFERENCES `dossier_answers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dossier_attachments_sha_idx` ON `dossier_attachments` (`sha256`);