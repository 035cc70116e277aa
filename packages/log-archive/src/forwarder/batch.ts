/**
 * PutLogEvents batching (pure), within the limits of the CloudWatch Logs API reference,
 * PutLogEvents (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html):
 * - a batch is at most 1,048,576 bytes, counted as the UTF-8 size of each message plus 26 bytes
 *   per event;
 * - at most 10,000 events per batch;
 * - the events of a batch are in chronological order and span at most 24 hours;
 * - one event is at most 256 KiB (message plus its 26 bytes): longer messages are split into
 *   consecutive events with the same timestamp, so nothing is cut off.
 */
import type { LogEvent } from "./parse";

export const MAX_BATCH_BYTES = 1_048_576;
export const MAX_BATCH_EVENTS = 10_000;
export const EVENT_OVERHEAD_BYTES = 26;
export const MAX_EVENT_BYTES = 262_144;
export const MAX_BATCH_SPAN_MS = 24 * 60 * 60 * 1000;

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/** Splits a message into parts of at most `maxBytes` UTF-8 bytes, never inside a character. */
export function splitMessage(message: string, maxBytes: number): string[] {
  if (utf8(message) <= maxBytes) return [message];
  const parts: string[] = [];
  let part = "";
  let size = 0;
  for (const ch of message) {
    const n = utf8(ch);
    if (size + n > maxBytes) {
      parts.push(part);
      part = "";
      size = 0;
    }
    part += ch;
    size += n;
  }
  if (part) parts.push(part);
  return parts;
}

/** The events in chronological order (stable), oversized ones split, in batches AWS accepts. */
export function batchEvents(events: readonly LogEvent[]): LogEvent[][] {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i)
    .flatMap(({ e }) =>
      splitMessage(e.message, MAX_EVENT_BYTES - EVENT_OVERHEAD_BYTES).map((message) => ({
        timestamp: e.timestamp,
        message,
      })),
    );
  const batches: LogEvent[][] = [];
  let batch: LogEvent[] = [];
  let bytes = 0;
  for (const e of sorted) {
    const size = utf8(e.message) + EVENT_OVERHEAD_BYTES;
    const first = batch[0];
    if (
      first &&
      (batch.length >= MAX_BATCH_EVENTS ||
        bytes + size > MAX_BATCH_BYTES ||
        e.timestamp - first.timestamp >= MAX_BATCH_SPAN_MS)
    ) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(e);
    bytes += size;
  }
  if (batch.length) batches.push(batch);
  return batches;
}
