// `npm run db:migrate`: applies pending migrations to DATABASE_URL (the launcher does the same at
// every start; this is for deployments that migrate as a separate step).
import nextEnv from "@next/env";
import { MigrationError, migrateDatabase, redact } from "../lib/db/migrate";

nextEnv.loadEnvConfig(process.cwd());
const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "Set DATABASE_URL=postgres://… (the embedded database is migrated by `npm run dev` / `npm start`).",
  );
  process.exit(1);
}
try {
  await migrateDatabase(url);
  console.log(`Migrations applied to ${redact(url)}`);
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exit(1);
}
