import * as path from "node:path";
import { describeEnvironmentStack } from "@platform/environment/suite";

// The config tests every environment stack shares (packages/environment/suite), run
// against this stack's files with the network hub's plan.
describeEnvironmentStack({
  dir: path.resolve(__dirname, ".."),
  stack: "prod",
  references: [{ dir: path.resolve(__dirname, "..", "..", "network"), stack: "network" }],
});
