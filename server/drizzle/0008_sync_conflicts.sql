CREATE TABLE `person_field_writes` (
	`person_id` text NOT NULL,
	`field` text NOT NULL,
	`written_by` text NOT NULL,
	`written_at` text NOT NULL,
	PRIMARY KEY(`person_id`, `field`),
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`written_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`dossier_id` text NOT NULL,
	`field` text NOT NULL,
	`base_value` text,
	`server_value` text,
	`server_by` text,
	`server_at` text,
	`device_value` text,
	`device_by` text NOT NULL,
	`device_at` text NOT NULL,
	`mutation_id` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text NOT NULL,
	`resolved_by` text,
	`resolved_at` text,
	`choice` text,
	`resolved_value` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`server_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`device_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_dossier_idx` ON `sync_conflicts` (`dossier_id`,`status`);--> statement-breakpoint
CREATE INDEX `sync_conflicts_entity_idx` ON `sync_conflicts` (`entity`,`entity_id`,`field`);