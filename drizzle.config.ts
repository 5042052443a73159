import { defineConfig } from 'drizzle-kit';

// drizzle-kit writes numbered SQL migrations into the folder wrangler applies, so both
// tools share one append-only history. Generate with:
//   npx drizzle-kit generate --name <what-changed>
export default defineConfig({
  dialect: 'sqlite',
  schema: ['./worker/db/schema.ts', './worker/db/schema-calendar.ts'],
  out: './d1-migrations',
});
