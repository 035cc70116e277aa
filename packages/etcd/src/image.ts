/**
 * The backup image's build inputs, named by their content. The image is tagged with a digest of
 * every file the Dockerfile can copy, so the tag changes exactly when the image would, the same
 * on every machine: repositories keep immutable tags, and a plan shows the CronJobs' image
 * changing whenever a script or the Dockerfile does.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** The package root: the build context (image/Dockerfile copies scripts/ from it). */
export const PACKAGE_DIR = path.resolve(__dirname, "..");

/** What the image is built from, relative to the build context. */
export const IMAGE_INPUTS = ["image", "scripts"] as const;

function files(dir: string, root: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name), root)
        : [path.relative(root, path.join(dir, e.name)).split(path.sep).join("/")],
    );
}

/** sha256 over the inputs' relative paths, modes and contents, in path order. */
export function contextDigest(context: string = PACKAGE_DIR): string {
  const hash = createHash("sha256");
  const names = IMAGE_INPUTS.flatMap((d) => files(path.join(context, d), context)).sort();
  for (const name of names) {
    const file = path.join(context, name);
    // The executable bit survives COPY; a chmod changes the image.
    const executable = (fs.statSync(file).mode & 0o111) !== 0;
    hash.update(`${name}\0${executable ? "x" : "-"}\0`);
    hash.update(fs.readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** The image tag for the context: `ctx-` and the first 16 hex digits of its digest. */
export function imageTag(context: string = PACKAGE_DIR): string {
  return `ctx-${contextDigest(context).slice(0, 16)}`;
}
