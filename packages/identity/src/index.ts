/**
 * The platform's identities as code. Every IAM document the bootstrap creates is a pure function
 * of the identity model (schema.ts), one module per role family: the deployer and the workload
 * boundary (deployer.ts), the read-only previewer and drift roles (read-only.ts), the network
 * spoke roles (spoke.ts), the CI roles and the state keys (ci.ts); account-plan.ts assembles one
 * account's roles. The bootstrap stack creates exactly these; the tests evaluate exactly these
 * with an IAM simulator.
 */
export * from "./account-plan";
export * from "./ci";
export * from "./components";
export * from "./deployer";
export * from "./model";
export * from "./read-only";
export * from "./reference";
export * from "./schema";
export * from "./services";
export * from "./spoke";
export type { PolicyDocument, Statement } from "./statements";
export * from "./validate";
