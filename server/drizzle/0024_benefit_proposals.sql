CREATE TABLE `benefit_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`budget_line_id` text NOT NULL,
	`year` integer NOT NULL,
	`monthly_cents` integer NOT NULL,
	`months` integer NOT NULL,
	`from_month` text NOT NULL,
	`total_cents` integer NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` text NOT NULL,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "benefit_proposals_amount_ck" CHECK("benefit_proposals"."monthly_cents" > 0 AND "benefit_proposals"."months" > 0 AND "benefit_proposals"."total_cents" > 0)
);
--> statement-breakpoint
CREATE INDEX `benefit_proposals_dossier_idx` ON `benefit_proposals` (`dossier_id`,`proposed_at`);