CREATE TABLE `own_accounts` (
	`workspace_id` text NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`name` text,
	`url` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `platform`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
