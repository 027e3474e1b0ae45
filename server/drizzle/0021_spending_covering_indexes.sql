DROP INDEX `benefits_line_year_idx`;--> statement-breakpoint
CREATE INDEX `benefits_line_year_idx` ON `benefits` (`budget_line_id`,`year`,`amount_cents`,`released_cents`);--> statement-breakpoint
DROP INDEX `payments_line_year_idx`;--> statement-breakpoint
CREATE INDEX `payments_line_year_idx` ON `payments` (`budget_line_id`,`year`,`amount_cents`);