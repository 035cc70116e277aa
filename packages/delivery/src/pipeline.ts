import * as pulumi from "@pulumi/pulumi";
import type { AppDeliveryPipelineArgs, DeliveryScope } from "./args";
import { buildProject } from "./build";
import { codePipeline } from "./codepipeline";
import { deployProject } from "./deploy";
import { failureNotifications } from "./notifications";
import { imageRepository } from "./repository";
import { deliveryStorage } from "./storage";

export type { AppDeliveryPipelineArgs } from "./args";

/**
 * Delivery of one application to the environment's EKS cluster: source from a code connection,
 * CodeBuild that tests, builds and pushes to ECR (scan on push, immutable tags, lifecycle),
 * an optional manual approval, and a CodeBuild deploy that runs `helm upgrade --atomic` with a
 * role whose EKS access entry is limited to the application's namespace. Artifacts, logs and
 * images are encrypted with the pipeline's KMS key; failures notify a topic.
 */
export class AppDeliveryPipeline extends pulumi.ComponentResource {
  readonly pipelineName: pulumi.Output<string>;
  readonly repositoryUrl: pulumi.Output<string>;
  /** The CodeBuild project that needs privileged mode (docker build): allowlist it in the pack config. */
  readonly buildProjectName: string;

  constructor(name: string, args: AppDeliveryPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:delivery:AppDeliveryPipeline", name, {}, opts);
    const scope: DeliveryScope = {
      name,
      base: `${args.namePrefix}-${args.app.name}`,
      args,
      child: { parent: this },
    };
    const storage = deliveryStorage(scope);
    const repository = imageRepository(scope, storage.key);
    const build = buildProject(scope, storage, repository);
    const deploy = deployProject(scope, storage, repository);
    const pipeline = codePipeline(scope, storage, { build, deploy });
    failureNotifications(scope, pipeline);

    this.buildProjectName = `${scope.base}-build`;
    this.pipelineName = pipeline.name;
    this.repositoryUrl = repository.repositoryUrl;
    this.registerOutputs({ pipelineName: this.pipelineName, repositoryUrl: this.repositoryUrl });
  }
}
