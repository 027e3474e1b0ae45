ALTER TABLE `benefits` ADD `released_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `benefits` ADD `released_at` text;