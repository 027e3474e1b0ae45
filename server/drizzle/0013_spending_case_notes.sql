CREATE TABLE `benefits` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`service_code` text NOT NULL,
	`siuss` text,
	`office_id` text NOT NULL,
	`circoscrizione` integer NOT NULL,
	`budget_line_id` text NOT NULL,
	`year` integer NOT NULL,
	`monthly_cents` integer NOT NULL,
	`months` integer NOT NULL,
	`from_month` text NOT NULL,
	`to_month` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`paid_cents` integer DEFAULT 0 NOT NULL,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	`decided_on` text NOT NULL,
	`override_reason` text,
	`overridden_by` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`overridden_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "benefits_amount_ck" CHECK("benefits"."amount_cents" > 0 AND "benefits"."amount_cents" = "benefits"."monthly_cents" * "benefits"."months"),
	CONSTRAINT "benefits_paid_ck" CHECK("benefits"."paid_cents" >= 0 AND "benefits"."paid_cents" <= "benefits"."amount_cents")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `benefits_dossier_uq` ON `benefits` (`dossier_id`);--> statement-breakpoint
CREATE INDEX `benefits_line_year_idx` ON `benefits` (`budget_line_id`,`year`);--> statement-breakpoint
CREATE INDEX `benefits_office_decided_idx` ON `benefits` (`office_id`,`decided_on`);--> statement-breakpoint
CREATE INDEX `benefits_year_service_idx` ON `benefits` (`year`,`service_code`);--> statement-breakpoint
CREATE TABLE `budget_allocations` (
	`budget_line_id` text NOT NULL,
	`year` integer NOT NULL,
	`allocation_cents` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`budget_line_id`, `year`),
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "budget_allocations_cents_ck" CHECK("budget_allocations"."allocation_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE `budget_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_lines_code_uq` ON `budget_lines` (`code`);--> statement-breakpoint
CREATE TABLE `care_plan_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`version` integer NOT NULL,
	`objectives` text NOT NULL,
	`interventions` text NOT NULL,
	`review_on` text,
	`author_id` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `care_plan_versions_uq` ON `care_plan_versions` (`dossier_id`,`version`);--> statement-breakpoint
CREATE TABLE `case_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_notes_dossier_idx` ON `case_notes` (`dossier_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`benefit_id` text NOT NULL,
	`dossier_id` text NOT NULL,
	`budget_line_id` text NOT NULL,
	`year` integer NOT NULL,
	`office_id` text NOT NULL,
	`circoscrizione` integer NOT NULL,
	`service_code` text NOT NULL,
	`siuss` text,
	`amount_cents` integer NOT NULL,
	`paid_on` text NOT NULL,
	`reference` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`benefit_id`) REFERENCES `benefits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_amount_ck" CHECK("payments"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE INDEX `payments_benefit_idx` ON `payments` (`benefit_id`);--> statement-breakpoint
CREATE INDEX `payments_line_year_idx` ON `payments` (`budget_line_id`,`year`);--> statement-breakpoint
CREATE INDEX `payments_office_paid_idx` ON `payments` (`office_id`,`paid_on`);--> statement-breakpoint
CREATE INDEX `payments_paid_on_idx` ON `payments` (`paid_on`);--> statement-breakpoint
CREATE TRIGGER `case_notes_no_update` BEFORE UPDATE ON `case_notes` BEGIN SELECT RAISE(ABORT, 'case_notes is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_notes_no_delete` BEFORE DELETE ON `case_notes` BEGIN SELECT RAISE(ABORT, 'case_notes is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `care_plan_versions_no_update` BEFORE UPDATE ON `care_plan_versions` BEGIN SELECT RAISE(ABORT, 'care_plan_versions is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `care_plan_versions_no_delete` BEFORE DELETE ON `care_plan_versions` BEGIN SELECT RAISE(ABORT, 'care_plan_versions is append-only'); END;
