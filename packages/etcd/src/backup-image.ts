import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as dockerBuild from "@pulumi/docker-build";
import * as pulumi from "@pulumi/pulumi";
import { imageTag, PACKAGE_DIR } from "./image";

export interface BackupImageArgs {
  /** ECR repository name, e.g. `dev-etcd/backup`. */
  readonly repositoryName: string;
  /** Platform of the nodes the jobs run on (the node groups' AL2023 x86_64 AMI). */
  readonly platform?: string;
  /** Images kept in the repository (newest first); the one in use is always the newest. */
  readonly keepImages?: number;
}

/**
 * The backup jobs' image, built from packages/etcd (image/Dockerfile, scripts/) and pushed by the
 * stack: an ECR repository the platform hardens itself (immutable tags, scan on push, lifecycle),
 * visible to the offline plan and the policy packs, and `awsx.ecr.Image` for the build and push
 * (docs/adr/0006-awsx-where-it-fits.md). The tag is a digest of the build inputs; `imageUri` is
 * the pushed image by digest.
 */
export class BackupImage extends pulumi.ComponentResource {
  readonly imageUri: pulumi.Output<string>;
  readonly repositoryUrl: pulumi.Output<string>;

  constructor(name: string, args: BackupImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:etcd:BackupImage", name, {}, opts);
    const repository = new aws.ecr.Repository(
      name,
      {
        name: args.repositoryName,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        // Scripts and public Debian packages: ECR's default AES-256 encryption at rest; no key
        // grant for the nodes to need when they pull.
        encryptionConfigurations: [{ encryptionType: "AES256" }],
      },
      { parent: this },
    );
    new aws.ecr.LifecyclePolicy(
      name,
      {
        repository: repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: `keep the ${args.keepImages ?? 10} newest images`,
              selection: {
                tagStatus: "any",
                countType: "imageCountMoreThan",
                countNumber: args.keepImages ?? 10,
              },
              action: { type: "expire" },
            },
          ],
        }),
      },
      { parent: this },
    );
    this.repositoryUrl = repository.repositoryUrl;

    // awsx components run in the awsx plugin: it and the docker-build provider it builds with
    // need explicit providers where default providers are disabled, and its ECR login uses the
    // account's AWS provider.
    const providers: pulumi.ProviderResource[] = [
      new dockerBuild.Provider(`${name}-docker-build`, {}, { parent: this }),
    ];
    const awsProvider = this.getProvider("aws:ecr/repository:Repository");
    if (awsProvider) providers.push(awsProvider);
    const image = new awsx.ecr.Image(
      name,
      {
        repositoryUrl: repository.repositoryUrl,
        // Relative to the working directory (the stack's project directory when the CLI runs
        // it), so the inputs are the same on every machine.
        context: path.relative(process.cwd(), PACKAGE_DIR) || ".",
        dockerfile: path.relative(process.cwd(), path.join(PACKAGE_DIR, "image", "Dockerfile")),
        platform: args.platform ?? "linux/amd64",
        imageTag: imageTag(),
      },
      {
        parent: this,
        provider: new awsx.Provider(`${name}-awsx`, {}, { parent: this }),
        providers,
      },
    );
    this.imageUri = image.imageUri;
    this.registerOutputs({ imageUri: this.imageUri, repositoryUrl: this.repositoryUrl });
  }
}
