/**
 * Kubernetes CronJob schedules, checked before anything is applied: the API server rejects a
 * schedule it cannot parse, by then after the AWS resources of the stack were created. Kubernetes
 * parses `.spec.schedule` with the standard five-field cron syntax (minute, hour, day of month,
 * month, day of week; lists, ranges, steps, month and day names) and the @yearly, @annually,
 * @monthly, @weekly, @daily, @midnight and @hourly macros (Kubernetes docs, "CronJob", Schedule
 * syntax); time zones go in `.spec.timeZone`, not in the schedule (CRON_TZ/TZ are rejected).
 */
const MACROS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly Field[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day of week", min: 0, max: 6, names: DAYS },
];

/** Why Kubernetes would reject this CronJob schedule, or undefined when it accepts it. */
export function cronScheduleProblem(schedule: string): string | undefined {
  const text = schedule.trim();
  if (/^(CRON_)?TZ=/.test(text))
    return "sets a time zone in the schedule, which Kubernetes rejects; schedules run in the controller's time zone (UTC on EKS)";
  if (text.startsWith("@")) {
    return MACROS.includes(text)
      ? undefined
      : `is not a cron macro; use one of ${MACROS.join(", ")}`;
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5)
    return `has ${parts.length} fields; a schedule has five (minute hour day-of-month month day-of-week), e.g. "0 3 * * *"`;
  for (const [i, part] of parts.entries()) {
    const problem = fieldProblem(part, FIELDS[i]!);
    if (problem) return `${FIELDS[i]!.name} field "${part}" ${problem}`;
  }
  return undefined;
}

function fieldProblem(part: string, field: Field): string | undefined {
  for (const item of part.split(",")) {
    const m = /^(\*|\?|([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) return "is not a value, range, list or step";
    if (m[1] === "?" && field.name !== "day of month" && field.name !== "day of week")
      return "uses ?, which only the day fields allow";
    if (m[4] !== undefined && Number(m[4]) < 1) return "has a step below 1";
    if (m[2] === undefined) continue;
    const from = valueOf(m[2], field);
    const to = m[3] === undefined ? from : valueOf(m[3], field);
    if (from === undefined || to === undefined)
      return `is outside ${field.min}-${field.max}${field.names ? ` (or ${field.names[0]}-${field.names.at(-1)})` : ""}`;
    if (from > to) return "has a range that ends before it starts";
  }
  return undefined;
}

function valueOf(text: string, field: Field): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return field.names === MONTHS ? named + 1 : named;
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : undefined;
}
