CREATE TABLE `calendar_events` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`events` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
