CREATE TABLE `consent_evidence` (
	`consent_id` text PRIMARY KEY NOT NULL,
	`signature_png` text,
	`delega_sha256` text,
	FOREIGN KEY (`consent_id`) REFERENCES `consents`(`id`) ON UPDATE no action ON DELETE no action
);
