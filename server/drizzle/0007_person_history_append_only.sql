-- person_history is append-only (issue 4 §8): an import adds rows, nothing edits or removes them.
CREATE TRIGGER `person_history_no_update` BEFORE UPDATE ON `person_history` BEGIN SELECT RAISE(ABORT, 'person_history is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `person_history_no_delete` BEFORE DELETE ON `person_history` BEGIN SELECT RAISE(ABORT, 'person_history is append-only'); END;
