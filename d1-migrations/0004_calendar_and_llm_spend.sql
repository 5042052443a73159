CREATE TABLE `llm_spend` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`period` text NOT NULL,
	`model` text NOT NULL,
	`prompt_tokens` integer NOT NULL,
	`completion_tokens` integer NOT NULL,
	`usd` real NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `llm_spend_workspace_period_idx` ON `llm_spend` (`workspace_id`,`period`);--> statement-breakpoint
CREATE TABLE `scheduled_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`platform` text NOT NULL,
	`topic` text NOT NULL,
	`piece_id` text,
	`text` text NOT NULL,
	`scheduled_at` integer,
	`state` text NOT NULL,
	`history` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scheduled_posts_workspace_idx` ON `scheduled_posts` (`workspace_id`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `scheduled_posts_state_idx` ON `scheduled_posts` (`state`,`scheduled_at`);