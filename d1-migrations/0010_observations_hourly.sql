-- One row per item, feed and hour from now on: of the sightings already stored in one hour, the
-- latest stays. Done first, while the old (source, external_id, observed_at, feed) index can serve it;
-- bounded to the row's hour on both sides, so each probe reads a few rows, not the item's later history.
DELETE FROM `observations` WHERE EXISTS (SELECT 1 FROM `observations` AS `later` WHERE `later`.`source` = `observations`.`source` AND `later`.`external_id` = `observations`.`external_id` AND `later`.`observed_at` > `observations`.`observed_at` AND `later`.`observed_at` < (`observations`.`observed_at` / 3600000 + 1) * 3600000 AND `later`.`feed` = `observations`.`feed`);--> statement-breakpoint
DROP INDEX `observations_identity_feed_unique`;--> statement-breakpoint
ALTER TABLE `observations` ADD `observed_hour` integer GENERATED ALWAYS AS (observed_at / 3600000) VIRTUAL;--> statement-breakpoint
CREATE UNIQUE INDEX `observations_item_hour_unique` ON `observations` (`source`,`feed`,`external_id`,`observed_hour`);
