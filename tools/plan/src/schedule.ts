/**
 * The order of stacks for parallel planning, as pure data: one task per stack, each after every
 * stack of the projects its project depends on (graph.ts), handed out to workers as soon as what it
 * needs is planned. Nx orders the `plan` target by project; here the unit is the stack, so the
 * bootstrap's many per-account stacks are shared by all workers instead of holding one.
 */
import type { StackProject } from "./graph";

export interface StackTask {
  /** `<project>/<stack>`. */
  readonly id: string;
  readonly project: string;
  /** The project's folder, as the project list gives it. */
  readonly dir: string;
  readonly stack: string;
  /** Ids of the tasks that must be planned first. */
  readonly after: readonly string[];
}

/**
 * Tasks for the projects, in the order given (dependency order: planOrder) and stack name order
 * within a project. A dependency outside the list is taken as already planned.
 */
export function stackTasks(
  projects: readonly StackProject[],
  stacksOf: (project: StackProject) => readonly string[],
): StackTask[] {
  const ids = new Map(
    projects.map((p) => [
      p.name,
      stacksOf(p).map((stack) => ({ stack, id: `${p.name}/${stack}` })),
    ]),
  );
  return projects.flatMap((p) =>
    ids.get(p.name)!.map(({ stack, id }) => ({
      id,
      project: p.name,
      dir: p.dir,
      stack,
      after: p.dependsOn.flatMap((d) => (ids.get(d) ?? []).map((t) => t.id)),
    })),
  );
}

/**
 * Hands out tasks whose dependencies are finished, first in the given order. A finished task
 * counts whatever its result: a failed hub still lets its environments plan and report their own
 * errors, as the sequential planner does.
 */
export class Scheduler {
  private readonly waiting: StackTask[];
  private readonly finished = new Set<string>();
  private running = 0;

  constructor(tasks: readonly StackTask[]) {
    const known = new Set(tasks.map((t) => t.id));
    const unknown = tasks.flatMap((t) => t.after.filter((a) => !known.has(a)));
    if (unknown.length)
      throw new Error(`scheduler: tasks wait for ${unknown.join(", ")}, which are not tasks`);
    this.waiting = [...tasks];
  }

  /** The next task that can start now, or undefined (none ready yet, or none left). */
  next(): StackTask | undefined {
    const i = this.waiting.findIndex((t) => t.after.every((a) => this.finished.has(a)));
    if (i < 0) {
      if (this.running === 0 && this.waiting.length > 0)
        throw new Error(
          `scheduler: ${this.waiting.map((t) => t.id).join(", ")} wait for each other (a cycle)`,
        );
      return undefined;
    }
    this.running++;
    return this.waiting.splice(i, 1)[0];
  }

  /** A started task goes back to the front of the queue (its worker died). */
  retry(task: StackTask): void {
    this.running--;
    this.waiting.unshift(task);
  }

  finish(task: StackTask): void {
    this.running--;
    this.finished.add(task.id);
  }

  /** Nothing waiting and nothing running. */
  get done(): boolean {
    return this.waiting.length === 0 && this.running === 0;
  }
}
