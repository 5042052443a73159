CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`brief` text NOT NULL,
	`consistency` text NOT NULL,
	`batch_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaigns_workspace_idx` ON `campaigns` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `heygen_catalog` (
	`workspace_id` text NOT NULL,
	`kind` text NOT NULL,
	`items` text NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `kind`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `heygen_webhook_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`event_type` text NOT NULL,
	`video_id` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `video_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`campaign_id` text,
	`total` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `video_batches_workspace_idx` ON `video_batches` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `video_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`batch_id` text,
	`campaign_id` text,
	`state` text NOT NULL,
	`platform` text NOT NULL,
	`format` text NOT NULL,
	`duration_sec` integer NOT NULL,
	`source_text` text NOT NULL,
	`storyboard` text NOT NULL,
	`account` text,
	`heygen_video_id` text,
	`video_url` text,
	`thumbnail_url` text,
	`caption_url` text,
	`rendered_duration_sec` real,
	`urls_expire_at` integer,
	`error` text,
	`warnings` text DEFAULT '[]' NOT NULL,
	`submit_attempts` integer DEFAULT 0 NOT NULL,
	`polls` integer DEFAULT 0 NOT NULL,
	`publish_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `video_jobs_workspace_idx` ON `video_jobs` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `video_jobs_batch_idx` ON `video_jobs` (`batch_id`);--> statement-breakpoint
CREATE INDEX `video_jobs_account_state_idx` ON `video_jobs` (`account`,`state`);--> statement-breakpoint
CREATE INDEX `video_jobs_heygen_idx` ON `video_jobs` (`heygen_video_id`);