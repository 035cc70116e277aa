/**
 * The deploy runner must reach every private-only Kubernetes API, since nothing else can deploy
 * to a cluster whose endpoint is not public.
 */
import { runnerAttachment } from "../paths";
import type { Invariant } from "./invariant";
import { perScenario } from "./invariant";

export const deployRunnerReach: Invariant = {
  name: "deploy-runner-reach",
  description:
    "The deploy runner (the hub's deployRunner subnets) reaches every private-only Kubernetes API and the API's VPC routes back to each runner subnet, in every scenario.",
  check: perScenario(({ result }, { model, vpcs }) => {
    const runner = runnerAttachment(model);
    const found: string[] = [];
    for (const v of vpcs.filter((x) => x.kubernetesApi === "private")) {
      if (v.id === runner?.id) continue;
      const where = `${v.environment}'s private Kubernetes API (${v.cidr}, ${v.stack})`;
      if (!runner) {
        found.push(
          model.deployRunner
            ? `the deploy runner's subnets (${model.deployRunner.cidrs.join(", ")}) lie in no attached VPC, so nothing routes ${where}`
            : `the hub exports no deploy runner, so nothing can reach ${where} to deploy it`,
        );
        continue;
      }
      const there = result.runnerToEnv[v.environment!]!;
      const back = result.envToRunner[v.environment!]!;
      if (!there.reachable || !back.reachable)
        found.push(
          `the deploy runner ${model.deployRunner!.projectName} (${model.deployRunner!.cidrs.join(", ")}) cannot reach ${where}: ${there.reachable ? `the way back: ${back.text}` : there.text}`,
        );
    }
    return found;
  }),
};
