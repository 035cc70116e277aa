/**
 * The forwarder Lambda: for each object an S3 event names, read it (gunzip `.gz`), parse its
 * lines in the bucket's format, and put them into the forwarder's log group, one log stream per
 * object, in batches within PutLogEvents' limits. Any failure throws: S3 invokes Lambda
 * asynchronously, so Lambda retries the event and then sends it to the dead-letter queue, and the
 * object itself stays in S3 (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 *
 * Compiled with the package (dist/forwarder/) and shipped as is: the Node.js runtime provides
 * AWS SDK for JavaScript v3 (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html).
 */
import { gunzipSync } from "node:zlib";
import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import type { S3Event } from "aws-lambda";
import { batchEvents } from "./batch";
import { FORWARDER_FORMATS, parseLines } from "./parse";
import type { ForwarderFormat, LogEvent } from "./parse";

/** What the handler needs from AWS, so its logic runs offline against fakes. */
export interface ForwarderPorts {
  readonly getObject: (bucket: string, key: string) => Promise<Uint8Array>;
  readonly createLogStream: (group: string, stream: string) => Promise<void>;
  readonly putLogEvents: (group: string, stream: string, events: LogEvent[]) => Promise<void>;
}

export interface ForwarderSettings {
  readonly logGroupName: string;
  /** Format of each source bucket's objects. */
  readonly formats: Readonly<Record<string, ForwarderFormat>>;
}

/** A log stream name for an object: `<bucket>/<key>` without the characters streams refuse. */
export function streamName(bucket: string, key: string): string {
  return `${bucket}/${key}`.replace(/[:*]/g, "_").slice(0, 512);
}

/** S3 event keys are URL-encoded with `+` for spaces (S3 User Guide, event message structure). */
export const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, " "));

/** Forwards every object of the event; returns the events put and the lines sent unparsed. */
export async function forward(
  event: S3Event,
  settings: ForwarderSettings,
  ports: ForwarderPorts,
): Promise<{ events: number; unparsed: number }> {
  let total = 0;
  let unparsed = 0;
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeKey(record.s3.object.key);
    const format = settings.formats[bucket];
    if (!format) throw new Error(`no format configured for bucket ${bucket}`);
    const body = await ports.getObject(bucket, key);
    const text = (key.endsWith(".gz") ? gunzipSync(body) : Buffer.from(body)).toString("utf8");
    const parsed = parseLines(text, format, Date.parse(record.eventTime));
    const stream = streamName(bucket, key);
    await ports.createLogStream(settings.logGroupName, stream);
    for (const batch of batchEvents(parsed.events))
      await ports.putLogEvents(settings.logGroupName, stream, batch);
    total += parsed.events.length;
    unparsed += parsed.unparsed;
  }
  return { events: total, unparsed };
}

/** Settings from the function's environment (set by the forwarder resource). */
export function settingsFromEnv(env: NodeJS.ProcessEnv): ForwarderSettings {
  const formats = JSON.parse(env["SOURCE_FORMATS"] ?? "{}") as Record<string, ForwarderFormat>;
  for (const [bucket, f] of Object.entries(formats))
    if (!(FORWARDER_FORMATS as readonly string[]).includes(f))
      throw new Error(`SOURCE_FORMATS: bucket ${bucket} has unknown format ${f}`);
  return { logGroupName: env["LOG_GROUP_NAME"] ?? "", formats };
}

/** The two S3 calls used, typed here: @aws-sdk/client-s3 is provided by the runtime. */
interface S3Module {
  S3Client: new () => {
    send(command: unknown): Promise<{ Body?: { transformToByteArray(): Promise<Uint8Array> } }>;
  };
  GetObjectCommand: new (input: { Bucket: string; Key: string }) => unknown;
}
const S3_MODULE = "@aws-sdk/client-s3";

async function awsPorts(): Promise<ForwarderPorts> {
  const s3Module = (await import(S3_MODULE)) as S3Module;
  const s3 = new s3Module.S3Client();
  const logs = new CloudWatchLogsClient({});
  return {
    getObject: async (Bucket, Key) => {
      const out = await s3.send(new s3Module.GetObjectCommand({ Bucket, Key }));
      if (!out.Body) throw new Error(`s3://${Bucket}/${Key} has no body`);
      return out.Body.transformToByteArray();
    },
    createLogStream: async (logGroupName, logStreamName) => {
      try {
        await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
      } catch (e) {
        if ((e as { name?: string }).name !== "ResourceAlreadyExistsException") throw e;
      }
    },
    putLogEvents: async (logGroupName, logStreamName, logEvents) => {
      const out = await logs.send(
        new PutLogEventsCommand({ logGroupName, logStreamName, logEvents }),
      );
      const rejected = out.rejectedLogEventsInfo;
      if (rejected) console.warn("rejected log events", JSON.stringify(rejected));
    },
  };
}

/** The Lambda entry point (`handler.handler`). */
export async function handler(event: S3Event): Promise<{ events: number; unparsed: number }> {
  const result = await forward(event, settingsFromEnv(process.env), await awsPorts());
  console.log(JSON.stringify(result));
  return result;
}
