CREATE TABLE `text_embeddings` (
	`text_hash` text NOT NULL,
	`model` text NOT NULL,
	`dimensions` integer NOT NULL,
	`vector` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`text_hash`, `model`, `dimensions`)
);
--> statement-breakpoint
CREATE INDEX `text_embeddings_created_idx` ON `text_embeddings` (`created_at`);