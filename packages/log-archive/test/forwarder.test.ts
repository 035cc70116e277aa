import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import type { S3Event } from "aws-lambda";
import fc from "fast-check";
import {
  batchEvents,
  EVENT_OVERHEAD_BYTES,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_BATCH_SPAN_MS,
  MAX_EVENT_BYTES,
  splitMessage,
} from "../src/forwarder/batch";
import { decodeKey, forward, settingsFromEnv, streamName } from "../src/forwarder/handler";
import type { ForwarderPorts } from "../src/forwarder/handler";
import { parseAlbLine, parseLines, parseSyslogLine, splitQuoted } from "../src/forwarder/parse";
import type { LogEvent } from "../src/forwarder/parse";

// Sample entries from the Elastic Load Balancing User Guide ("Example log entries") and RFC 5424
// section 6.5 ("Examples").
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8");
const bytes = (b: LogEvent[]) =>
  b.reduce((n, e) => n + Buffer.byteLength(e.message, "utf8") + EVENT_OVERHEAD_BYTES, 0);

describe("forwarder parsing", () => {
  it("splits on spaces outside quotes", () => {
    assert.deepEqual(splitQuoted('a "b c" - "" d'), ["a", "b c", "-", "", "d"]);
  });

  it("parses every ALB sample entry into named fields stamped with its time", () => {
    const lines = fixture("alb.log").trim().split("\n");
    const events = lines.map((l) => parseAlbLine(l));
    assert.ok(events.every((e) => e !== undefined));
    const https = JSON.parse(events[1]!.message) as Record<string, string>;
    assert.equal(events[1]!.timestamp, Date.parse("2018-07-02T22:23:00.186641Z"));
    assert.equal(https["type"], "https");
    assert.equal(https["request"], "GET https://www.example.com:443/ HTTP/1.1");
    assert.equal(https["ssl_protocol"], "TLSv1.2");
    assert.equal(https["elb_status_code"], "200");
    assert.equal(https["actions_executed"], "authenticate,forward");
    assert.equal(https["conn_trace_id"], "TID_1234abcd5678ef90");
    const redirect = JSON.parse(events[2]!.message) as Record<string, string>;
    assert.equal(redirect["redirect_url"], "https://example.com:80/");
  });

  it("parses the RFC 5424 examples, keeping the line and its own time zone", () => {
    const events = fixture("syslog.log").trim().split("\n").map(parseSyslogLine);
    assert.deepEqual(
      events.map((e) => e?.timestamp),
      [
        Date.parse("2003-10-11T22:14:15.003Z"),
        Date.parse("2003-08-24T12:14:15.000Z"),
        Date.parse("2003-10-11T22:14:15.003Z"),
      ],
    );
    assert.ok(events[2]!.message.includes('eventID="1011"'));
    assert.equal(parseSyslogLine("<34>1 - host app - - - no time"), undefined);
  });

  it("keeps unparsed lines, stamped with the object's time", () => {
    const r = parseLines("not an alb line\n\n" + fixture("alb.log"), "alb", 42);
    assert.equal(r.unparsed, 1);
    assert.equal(r.events.length, 5);
    assert.deepEqual(r.events[0], { timestamp: 42, message: "not an alb line" });
  });
});

describe("forwarder batching (PutLogEvents limits)", () => {
  const event = (timestamp: number, size = 10): LogEvent => ({
    timestamp,
    message: "x".repeat(size),
  });

  it("sorts events chronologically, keeping the order of equal timestamps", () => {
    const batches = batchEvents([
      { timestamp: 3, message: "c" },
      { timestamp: 1, message: "a1" },
      { timestamp: 1, message: "a2" },
    ]);
    assert.deepEqual(
      batches[0]!.map((e) => e.message),
      ["a1", "a2", "c"],
    );
  });

  it("starts a new batch at 10,000 events, at 1 MiB and when the batch would span 24 hours", () => {
    assert.deepEqual(
      batchEvents(Array.from({ length: 10_001 }, (_, i) => event(i, 1))).map((b) => b.length),
      [10_000, 1],
    );
    const big = batchEvents(Array.from({ length: 5 }, (_, i) => event(i, 300_000)));
    assert.ok(big.every((b) => bytes(b) <= MAX_BATCH_BYTES));
    assert.deepEqual(
      batchEvents([event(0), event(MAX_BATCH_SPAN_MS - 1), event(MAX_BATCH_SPAN_MS)]).map(
        (b) => b.length,
      ),
      [2, 1],
    );
  });

  it("splits a message over 256 KiB into events of at most 256 KiB, without breaking characters", () => {
    const parts = splitMessage("é".repeat(200_000), MAX_EVENT_BYTES - EVENT_OVERHEAD_BYTES);
    assert.equal(parts.join(""), "é".repeat(200_000));
    assert.ok(parts.every((p) => Buffer.byteLength(p) <= MAX_EVENT_BYTES - EVENT_OVERHEAD_BYTES));
  });

  it("property: every batch is within the limits, ordered, and together they hold every event", () => {
    const ev = fc.record({
      timestamp: fc.integer({ min: 0, max: 3 * MAX_BATCH_SPAN_MS }),
      message: fc.string({ minLength: 1, maxLength: 2000 }),
    });
    fc.assert(
      fc.property(fc.array(ev, { maxLength: 300 }), (events) => {
        const batches = batchEvents(events);
        for (const b of batches) {
          assert.ok(b.length >= 1 && b.length <= MAX_BATCH_EVENTS);
          assert.ok(bytes(b) <= MAX_BATCH_BYTES);
          assert.ok(b[b.length - 1]!.timestamp - b[0]!.timestamp < MAX_BATCH_SPAN_MS);
          b.forEach((e, i) => i > 0 && assert.ok(e.timestamp >= b[i - 1]!.timestamp));
        }
        const out = batches
          .flat()
          .map((e) => `${e.timestamp}:${e.message}`)
          .sort();
        assert.deepEqual(out, events.map((e) => `${e.timestamp}:${e.message}`).sort());
      }),
      { numRuns: 200 },
    );
  });
});

describe("forwarder handler", () => {
  const s3Event = (bucket: string, key: string): S3Event =>
    ({
      Records: [
        {
          eventTime: "2018-07-02T23:00:00.000Z",
          s3: { bucket: { name: bucket }, object: { key } },
        },
      ],
    }) as unknown as S3Event;

  function fakePorts(objects: Record<string, Uint8Array>) {
    const calls: { streams: string[]; puts: Array<{ stream: string; events: LogEvent[] }> } = {
      streams: [],
      puts: [],
    };
    const ports: ForwarderPorts = {
      getObject: async (b, k) => {
        const body = objects[`${b}/${k}`];
        if (!body) throw new Error(`NoSuchKey ${b}/${k}`);
        return body;
      },
      createLogStream: async (_g, s) => void calls.streams.push(s),
      putLogEvents: async (_g, stream, events) => void calls.puts.push({ stream, events }),
    };
    return { ports, calls };
  }

  it("gunzips an ALB log object and puts its entries into a stream named after it", async () => {
    const key = "AWSLogs/123456789012/elasticloadbalancing/us-east-2/2018/07/02/file name.log.gz";
    const { ports, calls } = fakePorts({ [`alb-logs/${key}`]: gzipSync(fixture("alb.log")) });
    const result = await forward(
      s3Event("alb-logs", key.replace(/ /g, "+")),
      { logGroupName: "/forwarded", formats: { "alb-logs": "alb" } },
      ports,
    );
    assert.deepEqual(result, { events: 4, unparsed: 0 });
    assert.deepEqual(calls.streams, [streamName("alb-logs", key)]);
    assert.equal(calls.puts.length, 1);
    assert.equal(calls.puts[0]!.events.length, 4);
  });

  it("fails (so Lambda retries, then the dead-letter queue keeps the event) when it cannot read or has no format", async () => {
    const { ports } = fakePorts({});
    await assert.rejects(
      forward(
        s3Event("alb-logs", "missing.log"),
        { logGroupName: "/f", formats: { "alb-logs": "alb" } },
        ports,
      ),
      /NoSuchKey/,
    );
    await assert.rejects(
      forward(s3Event("other", "x.log"), { logGroupName: "/f", formats: {} }, ports),
      /no format configured for bucket other/,
    );
  });

  it("reads its settings from the environment and refuses an unknown format", () => {
    assert.deepEqual(settingsFromEnv({ LOG_GROUP_NAME: "/f", SOURCE_FORMATS: '{"b":"syslog"}' }), {
      logGroupName: "/f",
      formats: { b: "syslog" },
    });
    assert.throws(() => settingsFromEnv({ SOURCE_FORMATS: '{"b":"csv"}' }), /unknown format csv/);
    assert.equal(decodeKey("a+b%3Ac"), "a b:c");
    assert.equal(streamName("b", "k:1*"), "b/k_1_");
  });
});
