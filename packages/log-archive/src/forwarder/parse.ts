/**
 * The forwarder's parsers (pure): one log line in, one CloudWatch Logs event out (timestamp in
 * milliseconds and a message). Lines that do not parse are kept, not dropped: they are sent raw,
 * stamped with the object's time, so nothing in the source object is lost.
 */

export const FORWARDER_FORMATS = ["alb", "syslog"] as const;
export type ForwarderFormat = (typeof FORWARDER_FORMATS)[number];

export interface LogEvent {
  readonly timestamp: number;
  readonly message: string;
}

/**
 * Application Load Balancer access log fields, in order. Source: Elastic Load Balancing User
 * Guide, "Access log entries" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html#access-log-entry-format).
 * ALB appends fields over time; values beyond the known ones are kept under `extra`.
 */
export const ALB_FIELDS = [
  "type",
  "time",
  "elb",
  "client",
  "target",
  "request_processing_time",
  "target_processing_time",
  "response_processing_time",
  "elb_status_code",
  "target_status_code",
  "received_bytes",
  "sent_bytes",
  "request",
  "user_agent",
  "ssl_cipher",
  "ssl_protocol",
  "target_group_arn",
  "trace_id",
  "domain_name",
  "chosen_cert_arn",
  "matched_rule_priority",
  "request_creation_time",
  "actions_executed",
  "redirect_url",
  "error_reason",
  "target_port_list",
  "target_status_code_list",
  "classification",
  "classification_reason",
  "conn_trace_id",
] as const;

/** Splits on spaces outside double quotes; quoted values lose their quotes. */
export function splitQuoted(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? "");
  return out;
}

/** An ALB access log line as a JSON event stamped with the entry's `time`; undefined if malformed. */
export function parseAlbLine(line: string): LogEvent | undefined {
  const values = splitQuoted(line);
  if (values.length < 13) return undefined;
  const timestamp = Date.parse(values[1] ?? "");
  if (Number.isNaN(timestamp)) return undefined;
  const fields: Record<string, unknown> = {};
  ALB_FIELDS.forEach((f, i) => {
    if (i < values.length) fields[f] = values[i];
  });
  if (values.length > ALB_FIELDS.length) fields["extra"] = values.slice(ALB_FIELDS.length);
  return { timestamp, message: JSON.stringify(fields) };
}

/**
 * An RFC 5424 syslog line (`<PRI>VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG`),
 * kept as written and stamped with its TIMESTAMP; undefined without one (a NILVALUE `-` has no
 * time). Source: RFC 5424, section 6 (https://www.rfc-editor.org/rfc/rfc5424#section-6).
 */
export function parseSyslogLine(line: string): LogEvent | undefined {
  const m = /^<\d{1,3}>\d{1,2} (\S+) /.exec(line);
  if (!m || m[1] === "-") return undefined;
  const timestamp = Date.parse(m[1] ?? "");
  return Number.isNaN(timestamp) ? undefined : { timestamp, message: line };
}

const PARSERS: Record<ForwarderFormat, (line: string) => LogEvent | undefined> = {
  alb: parseAlbLine,
  syslog: parseSyslogLine,
};

/** Every non-empty line of an object as an event; unparsed lines are stamped `fallbackTime`. */
export function parseLines(
  text: string,
  format: ForwarderFormat,
  fallbackTime: number,
): { events: LogEvent[]; unparsed: number } {
  const events: LogEvent[] = [];
  let unparsed = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (!line) continue;
    const event = PARSERS[format](line);
    if (event) events.push(event);
    else {
      unparsed++;
      events.push({ timestamp: fallbackTime, message: line });
    }
  }
  return { events, unparsed };
}
