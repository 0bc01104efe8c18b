import { closeDb } from "../app/lib/db.server";
import { prepareDatabase } from "../app/lib/setup.server";
import { runCli } from "./cli";

await runCli(async () => {
  await prepareDatabase();
  console.log("Migrations applied.");
  await closeDb();
});
