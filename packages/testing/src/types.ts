/** One resource as the engine would see it at registration. */
export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** URN of the parent; undefined only for the root stack. */
  readonly parent?: string;
  readonly custom: boolean;
  /** URN of the provider the resource uses; undefined means the default provider. */
  readonly provider?: string;
  /** Inputs with secrets replaced by "[secret]" and unknowns by "[unknown]". */
  readonly inputs: Record<string, unknown>;
  /** URNs this resource depends on (explicit `dependsOn` and inputs taken from other resources). */
  readonly dependencies: string[];
  /** Per input property, the URNs its value came from. */
  readonly propertyDependencies: Record<string, string[]>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: string[];
  readonly id?: string;
}

export const SECRET_PLACEHOLDER = "[secret]";
export const UNKNOWN_PLACEHOLDER = "[unknown]";
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
