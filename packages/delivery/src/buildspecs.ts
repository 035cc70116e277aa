/** The two CodeBuild buildspecs, as YAML text (pure: tested on their commands). */

/** Test, build and push the image, tagged with the commit; writes the tag for the deploy stage. */
export function buildSpec(): string {
  return [
    "version: 0.2",
    "phases:",
    "  pre_build:",
    "    commands:",
    '      - aws ecr get-login-password --region "$AWS_REGION" | docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"',
    '      - export TAG="${CODEBUILD_RESOLVED_SOURCE_VERSION:0:12}"',
    "  build:",
    "    commands:",
    "      - make test",
    '      - docker build -t "$REPOSITORY_URI:$TAG" .',
    "  post_build:",
    "    commands:",
    '      - docker push "$REPOSITORY_URI:$TAG"',
    '      - printf \'{"tag":"%s"}\' "$TAG" > image.json',
    "artifacts:",
    "  files:",
    "    - image.json",
    "    - chart/**/*",
    "",
  ].join("\n");
}

/** Helm upgrade with --atomic (a failed release rolls back) into the application's namespace. */
export function deploySpec(): string {
  return [
    "version: 0.2",
    "phases:",
    "  install:",
    "    commands:",
    '      - curl -fsSL -o /tmp/helm.tgz "https://get.helm.sh/helm-${HELM_VERSION}-linux-amd64.tar.gz" && tar -xzf /tmp/helm.tgz -C /tmp && mv /tmp/linux-amd64/helm /usr/local/bin/helm',
    "  build:",
    "    commands:",
    '      - aws eks update-kubeconfig --name "$CLUSTER_NAME" --region "$AWS_REGION"',
    '      - export TAG="$(jq -r .tag image.json)"',
    '      - helm upgrade --install "$RELEASE" chart --namespace "$NAMESPACE" --atomic --wait --timeout 10m --set image.repository="$REPOSITORY_URI" --set image.tag="$TAG"',
    "",
  ].join("\n");
}
