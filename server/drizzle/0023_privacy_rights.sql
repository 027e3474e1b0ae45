CREATE TABLE `person_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`reason` text NOT NULL,
	`source_document` text NOT NULL,
	`request_id` text,
	`corrected_by` text NOT NULL,
	`corrected_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `privacy_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrected_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_corrections_person_idx` ON `person_corrections` (`person_id`,`corrected_at`);--> statement-breakpoint
CREATE TABLE `privacy_erasure_gate` (
	`person_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `privacy_erasures` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`request_id` text,
	`done_by` text NOT NULL,
	`done_at` text NOT NULL,
	`files` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `privacy_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `privacy_erasures_subject_uq` ON `privacy_erasures` (`kind`,`subject_id`);--> statement-breakpoint
CREATE TABLE `privacy_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`received_on` text NOT NULL,
	`outcome` text NOT NULL,
	`basis` text,
	`retain_until` text,
	`handled_by` text NOT NULL,
	`handled_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `privacy_requests_person_idx` ON `privacy_requests` (`person_id`,`handled_at`);--> statement-breakpoint
CREATE INDEX `privacy_requests_handled_idx` ON `privacy_requests` (`handled_at`);--> statement-breakpoint
-- person_corrections is append-only (GDPR art. 16 as corrections); only the erasure of the same person removes rows.
CREATE TRIGGER `person_corrections_no_update` BEFORE UPDATE ON `person_corrections` BEGIN SELECT RAISE(ABORT, 'person_corrections is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `person_corrections_no_delete` BEFORE DELETE ON `person_corrections` WHEN NOT EXISTS (SELECT 1 FROM `privacy_erasure_gate` g WHERE g.`person_id` = OLD.`person_id`) BEGIN SELECT RAISE(ABORT, 'person_corrections is append-only'); END;
--> statement-breakpoint
-- The other append-only tables holding personal data let an erasure (past retention) delete the person's rows, and nothing else.
DROP TRIGGER `person_history_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `person_history_no_delete` BEFORE DELETE ON `person_history` WHEN NOT EXISTS (SELECT 1 FROM `privacy_erasure_gate` g WHERE g.`person_id` = OLD.`person_id`) BEGIN SELECT RAISE(ABORT, 'person_history is append-only'); END;
--> statement-breakpoint
DROP TRIGGER `case_notes_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `case_notes_no_delete` BEFORE DELETE ON `case_notes` WHEN NOT EXISTS (SELECT 1 FROM `privacy_erasure_gate` g JOIN `dossiers` d ON d.`person_id` = g.`person_id` WHERE d.`id` = OLD.`dossier_id`) BEGIN SELECT RAISE(ABORT, 'case_notes is append-only'); END;
--> statement-breakpoint
DROP TRIGGER `care_plan_versions_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `care_plan_versions_no_delete` BEFORE DELETE ON `care_plan_versions` WHEN NOT EXISTS (SELECT 1 FROM `privacy_erasure_gate` g JOIN `dossiers` d ON d.`person_id` = g.`person_id` WHERE d.`id` = OLD.`dossier_id`) BEGIN SELECT RAISE(ABORT, 'care_plan_versions is append-only'); END;
