/**
 * A warm planning worker (pool.ts): told its workspace once, then plans one stack per message
 * with warm.ts's planOne and answers with the outcome. Exits when the parent disconnects.
 */
import { packEvaluator } from "./policy";
import type { FromWorker, ToWorker, WorkerSetup } from "./pool";
import { outcomeOf } from "./pool";
import { preflightEvaluator } from "./preflight";
import { planOne } from "./warm";
import type { PlanAllOptions } from "./warm";

let setup: WorkerSetup | undefined;
let options: PlanAllOptions = {};

process.on("message", (message: ToWorker) => {
  if (message.kind === "setup") {
    setup = message.setup;
    options = {
      evaluate: setup.policies ? packEvaluator(setup.root) : undefined,
      preflight: setup.preflight ? preflightEvaluator(setup.root) : undefined,
      traces: setup.traces,
    };
    return;
  }
  if (!setup) throw new Error("plan-worker: a stack to plan before the setup message");
  const root = setup.root;
  void planOne(root, message.dir, message.stack, options).then((result) =>
    process.send!({ kind: "planned", outcome: outcomeOf(result) } satisfies FromWorker),
  );
});
process.on("disconnect", () => process.exit(0));
