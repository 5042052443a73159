CREATE TABLE `competitor_snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`competitor_id` text NOT NULL,
	`captured_at` integer NOT NULL,
	`followers` integer,
	`following` integer,
	`metrics` text NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`competitor_id`) REFERENCES `competitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `competitor_snapshots_idx` ON `competitor_snapshots` (`workspace_id`,`competitor_id`,`captured_at`);--> statement-breakpoint
CREATE TABLE `competitors` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`name` text,
	`url` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `competitors_identity_unique` ON `competitors` (`workspace_id`,`platform`,`handle`);--> statement-breakpoint
CREATE TABLE `engagement_models` (
	`workspace_id` text NOT NULL,
	`platform` text NOT NULL,
	`model` text NOT NULL,
	`posts_used` integer NOT NULL,
	`validation_auc` real,
	`trained_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `platform`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `posts` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	`author` text,
	`text` text NOT NULL,
	`url` text,
	`published_at` integer NOT NULL,
	`likes` integer,
	`comments` integer,
	`shares` integer,
	`views` integer,
	`captured_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posts_identity_unique` ON `posts` (`workspace_id`,`kind`,`platform`,`external_id`);--> statement-breakpoint
CREATE INDEX `posts_workspace_published_idx` ON `posts` (`workspace_id`,`kind`,`published_at`);--> statement-breakpoint
CREATE TABLE `trend_predictions` (
	`id` text PRIMARY KEY NOT NULL,
	`trend_id` text NOT NULL,
	`alarm_at` integer NOT NULL,
	`predicted_peak_at` integer NOT NULL,
	`peak_low_at` integer NOT NULL,
	`peak_high_at` integer NOT NULL,
	`predicted_peak_level` real,
	`half_life_hours` real,
	`features` text NOT NULL,
	`support` integer NOT NULL,
	`created_at` integer NOT NULL,
	`actual_peak_at` integer,
	`actual_peak_level` real,
	`accuracy` real,
	`outcome` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trend_predictions_alarm_unique` ON `trend_predictions` (`trend_id`,`alarm_at`);--> statement-breakpoint
CREATE INDEX `trend_predictions_open_idx` ON `trend_predictions` (`actual_peak_at`);--> statement-breakpoint
ALTER TABLE `trends` ADD `detail` text;