/**
 * The search delivery stream's record transformation (a Firehose Lambda processor). CloudWatch
 * Logs puts gzip-compressed subscription messages into Firehose, each carrying several log events
 * (`logEvents[]`), and OpenSearch takes one JSON document per record, so Firehose does not deliver
 * CloudWatch Logs into an OpenSearch destination as they come ("Writing to Amazon Data Firehose
 * using CloudWatch Logs", https://docs.aws.amazon.com/firehose/latest/dev/writing-with-cloudwatch-logs.html;
 * its built-in Decompression and message extraction still leave several events in one record).
 * This function turns each DATA_MESSAGE into one JSON document (the events in an array, with the
 * group, stream, account and the first event's time as `@timestamp`) and drops CONTROL_MESSAGEs
 * (CloudWatch Logs' reachability checks, which carry no events). A record it cannot read is
 * returned as ProcessingFailed: Firehose writes it to the backup bucket under
 * `processing-failed/` ("Data transformation and status model",
 * https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-status-model.html).
 *
 * Compiled with the package (dist/search-transform/); it needs no SDK.
 */
import { gunzipSync } from "node:zlib";

/** A Firehose transformation event's record (base64 data). */
export interface FirehoseRecord {
  readonly recordId: string;
  readonly data: string;
}

export interface TransformedRecord {
  readonly recordId: string;
  readonly result: "Ok" | "Dropped" | "ProcessingFailed";
  readonly data: string;
}

/** A CloudWatch Logs subscription message (after gunzip). */
interface SubscriptionMessage {
  readonly messageType?: string;
  readonly owner?: string;
  readonly logGroup?: string;
  readonly logStream?: string;
  readonly logEvents?: ReadonlyArray<{ id?: string; timestamp?: number; message?: string }>;
}

/** One record: a document for a DATA_MESSAGE, dropped for a CONTROL_MESSAGE, failed otherwise. */
export function transformRecord(record: FirehoseRecord): TransformedRecord {
  const failed = {
    recordId: record.recordId,
    result: "ProcessingFailed",
    data: record.data,
  } as const;
  let message: SubscriptionMessage;
  try {
    message = JSON.parse(
      gunzipSync(Buffer.from(record.data, "base64")).toString("utf8"),
    ) as SubscriptionMessage;
  } catch {
    return failed;
  }
  if (message.messageType === "CONTROL_MESSAGE")
    return { recordId: record.recordId, result: "Dropped", data: record.data };
  const events = message.logEvents;
  if (message.messageType !== "DATA_MESSAGE" || !Array.isArray(events) || events.length === 0)
    return failed;
  const first = events[0]?.timestamp;
  const document = {
    "@timestamp": typeof first === "number" ? new Date(first).toISOString() : undefined,
    owner: message.owner,
    logGroup: message.logGroup,
    logStream: message.logStream,
    events: events.map((e) => ({ id: e.id, timestamp: e.timestamp, message: e.message })),
  };
  return {
    recordId: record.recordId,
    result: "Ok",
    data: Buffer.from(JSON.stringify(document), "utf8").toString("base64"),
  };
}

export async function handler(event: {
  records: FirehoseRecord[];
}): Promise<{ records: TransformedRecord[] }> {
  return Promise.resolve({ records: event.records.map(transformRecord) });
}
