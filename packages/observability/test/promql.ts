/**
 * The syntax errors Prometheus's own PromQL grammar (the one its UI uses) finds in an expression:
 * one line per error node, with its position. Empty when the expression parses. The grammar is
 * an ES module, loaded with import().
 */
export async function promqlSyntaxErrors(expr: string): Promise<string[]> {
  const { parser } = await import("@prometheus-io/lezer-promql");
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError)
        errors.push(`at ${node.from}: "${expr.slice(Math.max(0, node.from - 10), node.to + 10)}"`);
    },
  });
  return errors;
}
