ALTER TABLE `dossiers` ADD `due_date` text;--> statement-breakpoint
ALTER TABLE `dossiers` ADD `warn_date` text;--> statement-breakpoint
CREATE INDEX `dossiers_queue_idx` ON `dossiers` (`office_id`,`due_date`,`id`,`status`,`service_code`,`circoscrizione`,`assigned_to`,`warn_date`);--> statement-breakpoint
CREATE INDEX `dossiers_assignee_queue_idx` ON `dossiers` (`office_id`,`assigned_to`,`due_date`,`id`,`status`,`warn_date`);--> statement-breakpoint
CREATE INDEX `dossiers_reference_idx` ON `dossiers` (`reference`);--> statement-breakpoint
CREATE INDEX `persons_family_name_lower_idx` ON `persons` (lower("family_name"));--> statement-breakpoint
CREATE INDEX `persons_given_name_lower_idx` ON `persons` (lower("given_name"));