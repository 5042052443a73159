CREATE TABLE `observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`title` text NOT NULL,
	`text` text,
	`url` text,
	`score` real,
	`comments` integer,
	`created_at` integer NOT NULL,
	`observed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `observations_identity_unique` ON `observations` (`source`,`external_id`,`observed_at`);--> statement-breakpoint
CREATE INDEX `observations_observed_idx` ON `observations` (`observed_at`);--> statement-breakpoint
CREATE TABLE `source_state` (
	`source` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`last_success_at` integer,
	`failing_since` integer,
	`last_error` text,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_observation_count` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `workspace_topics` (
	`workspace_id` text NOT NULL,
	`topic` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `topic`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
