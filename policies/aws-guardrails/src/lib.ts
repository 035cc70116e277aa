import type { PolicyResource } from "@pulumi/policy";

/** Resources by type, built once per stack evaluation. */
export function byType(resources: readonly PolicyResource[]): Map<string, PolicyResource[]> {
  const index = new Map<string, PolicyResource[]>();
  for (const r of resources) {
    const list = index.get(r.type);
    if (list) list.push(r);
    else index.set(r.type, [r]);
  }
  return index;
}

/** Target URN -> resources whose `property` came from the target (one pass). */
export function referrers(
  resources: readonly PolicyResource[],
  property: string,
): Map<string, PolicyResource[]> {
  const index = new Map<string, PolicyResource[]>();
  for (const r of resources) {
    for (const target of r.propertyDependencies[property] ?? []) {
      const list = index.get(target.urn);
      if (list) list.push(r);
      else index.set(target.urn, [r]);
    }
  }
  return index;
}

export function ofTypes(
  index: Map<string, PolicyResource[]>,
  ...types: string[]
): PolicyResource[] {
  return types.flatMap((t) => index.get(t) ?? []);
}

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
