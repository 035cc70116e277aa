/**
 * Rules on the runner config that single-value schemas cannot express: a repository GitHub would
 * not accept or the project URL would mangle, and an image the project's environment type cannot
 * run. Each problem names the key, the value and the fix.
 */
import type { Problem } from "@platform/core";
import type { DeployRunnerConfig } from "./schema";

/**
 * GitHub account (user or organisation) names: 1-39 letters, digits or hyphens, not starting or
 * ending with a hyphen (GitHub's sign-up rules); Enterprise Managed Users' names end in
 * `_<shortcode>`.
 */
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?(?:_[A-Za-z0-9]+)?$/;
/** GitHub repository names: at most 100 characters of letters, digits, `-`, `_` and `.`. */
export const MAX_REPOSITORY_NAME = 100;

/**
 * Curated CodeBuild images for other environment types than the runner's LINUX_CONTAINER: aarch64
 * images need ARM_CONTAINER, Windows images WINDOWS_SERVER_*_CONTAINER, Lambda images
 * LINUX_LAMBDA_CONTAINER (CodeBuild User Guide, "Docker images provided by CodeBuild",
 * https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-available.html).
 */
const OTHER_ENVIRONMENT_IMAGES: ReadonlyArray<[RegExp, string]> = [
  [/aarch64/, "an aarch64 image (environment type ARM_CONTAINER)"],
  [/windows/, "a Windows image (environment type WINDOWS_SERVER_*_CONTAINER)"],
  [/lambda/, "a Lambda image (environment type LINUX_LAMBDA_CONTAINER)"],
];

/** What the runner config's rules find; paths are relative to the runner section. */
export function deployRunnerProblems(
  runner: Pick<DeployRunnerConfig, "repository" | "image">,
): Problem[] {
  return [...repositoryProblems(runner.repository), ...imageProblems(runner.image)];
}

function repositoryProblems(repository: string): Problem[] {
  const [owner = "", name = ""] = repository.split("/");
  const problem = (message: string): Problem => ({
    path: ["repository"],
    value: repository,
    message,
  });
  const problems: Problem[] = [];
  if (!GITHUB_OWNER.test(owner)) {
    problems.push(
      problem(
        `owner "${owner}" is not a GitHub account name: 1-39 letters, digits or hyphens, not starting or ending with a hyphen`,
      ),
    );
  }
  if (name === "." || name === "..")
    problems.push(problem(`"${name}" is not a repository name GitHub accepts`));
  if (name.length > MAX_REPOSITORY_NAME)
    problems.push(
      problem(`the repository name is ${name.length} characters; GitHub allows at most 100`),
    );
  // The project's source location is https://github.com/<repository>.git.
  if (/\.git$/i.test(name))
    problems.push(
      problem(
        `drop the ".git" suffix: give owner/repository as on GitHub (the runner adds ".git" to the URL)`,
      ),
    );
  return problems;
}

function imageProblems(image: string): Problem[] {
  if (!image.startsWith("aws/codebuild/")) return [];
  const other = OTHER_ENVIRONMENT_IMAGES.find(([pattern]) => pattern.test(image));
  return other
    ? [
        {
          path: ["image"],
          value: image,
          message: `is ${other[1]}; the runner project is LINUX_CONTAINER (x86_64): use an x86_64 Linux image such as aws/codebuild/amazonlinux-x86_64-standard:5.0`,
        },
      ]
    : [];
}
