DROP INDEX `observations_identity_unique`;--> statement-breakpoint
DROP INDEX `observations_observed_idx`;--> statement-breakpoint
ALTER TABLE `observations` ADD `feed` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `observations_identity_feed_unique` ON `observations` (`source`,`external_id`,`observed_at`,`feed`);--> statement-breakpoint
CREATE INDEX `observations_feed_observed_idx` ON `observations` (`feed`,`observed_at`);