/**
 * The simulator's most expensive step, remembered: for each request @cloud-copilot/iam-simulate
 * works out which of the action's resource types the resource ARN is (`getResourceTypesForAction`,
 * an automaton intersection of the ARN with every type's pattern), twice per simulation (context
 * keys and authorization), and again for the same action and ARN in every later simulation. Over
 * an estate's preflight that was about 15% of the plan's CPU (profile in docs/performance.md).
 *
 * The answer depends only on the service, the action and the ARN (and on the simulator's bundled
 * data), so it is kept per process. The function is reached through the module's exports object at
 * each call (CommonJS), so replacing that export is seen by the simulator. The package's `exports`
 * map does not list the module: it is loaded by its file path beside the package's entry, and the
 * wrapper is installed only when that module exports the function this version has (a test pins
 * it, so an upgrade that moves it fails the test instead of silently losing the cache).
 */
import * as fs from "node:fs";
import * as path from "node:path";

type ResourceTypesForAction = (
  service: string,
  action: string,
  resource: string,
) => Promise<unknown>;

const MODULE = path.join("simulation_engine", "resourceTypes.js");

/** Installs the cache once; true when it is in place. */
export function rememberResourceTypes(): boolean {
  const file = path.join(path.dirname(require.resolve("@cloud-copilot/iam-simulate")), MODULE);
  if (!fs.existsSync(file)) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const target = require(file) as {
    getResourceTypesForAction?: ResourceTypesForAction & { remembered?: true };
  };
  const original = target.getResourceTypesForAction;
  if (typeof original !== "function") return false;
  if (original.remembered) return true;
  const memo = new Map<string, Promise<unknown>>();
  const remembered = Object.assign(
    (service: string, action: string, resource: string): Promise<unknown> => {
      const key = `${service}\n${action}\n${resource}`;
      let answer = memo.get(key);
      if (!answer) {
        answer = original(service, action, resource);
        // A failure (an unknown action) is not kept: the next caller gets the error afresh.
        answer.catch(() => memo.delete(key));
        if (memo.size > 200_000) memo.clear();
        memo.set(key, answer);
      }
      return answer;
    },
    { remembered: true as const, original },
  );
  target.getResourceTypesForAction = remembered;
  return true;
}
