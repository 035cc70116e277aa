/** Option combinations the EC2 CreateFlowLogs API refuses. */
import { known, num } from "../context";
import type { Problem, Rule } from "../types";

const TGW_DOC =
  "Transit Gateway Flow Logs: create and manage using APIs or the CLI, https://docs.aws.amazon.com/vpc/latest/tgw/flow-logs-api-cli.html";
const API_DOC =
  "EC2 API CreateFlowLogs, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateFlowLogs.html";

export const flowLogOptions: Rule = {
  id: "aws-flow-log-options",
  family: "aws",
  description:
    "flow log options AWS refuses: traffic type or an aggregation other than 60 s on transit gateway flow logs, no traffic type elsewhere, CloudWatch Logs without a delivery role",
  source: `${TGW_DOC}; ${API_DOC}`,
  *check(ctx) {
    for (const r of ctx.ofType("aws:ec2/flowLog:FlowLog")) {
      const i = r.inputs;
      const targets = [
        "vpcId",
        "subnetId",
        "eniId",
        "transitGatewayId",
        "transitGatewayAttachmentId",
      ].filter((k) => i[k] !== undefined);
      const tgw = targets.some((k) => k.startsWith("transitGateway"));
      const problem = (message: string, source = API_DOC): Problem => ({
        severity: "error",
        urn: r.urn,
        message,
        source,
      });
      if (targets.length !== 1) {
        yield problem(
          `a flow log monitors exactly one resource; it names ${targets.length ? targets.join(", ") : "none"}`,
        );
      }
      if (tgw) {
        if (i["trafficType"] !== undefined) {
          yield problem(
            `trafficType "${String(i["trafficType"])}" is set on a transit gateway flow log: AWS returns an error when a traffic type is given for transit gateway resource types; remove it`,
            TGW_DOC,
          );
        }
        const agg = num(i["maxAggregationInterval"]);
        if (agg !== undefined && agg !== 60) {
          yield problem(
            `maxAggregationInterval ${agg} on a transit gateway flow log: 60 is the only accepted value; set 60 or leave it unset`,
            TGW_DOC,
          );
        }
      } else if (targets.length === 1) {
        if (i["trafficType"] === undefined) {
          yield problem(
            `trafficType is missing: it is required for ${targets[0]} flow logs (ACCEPT, REJECT or ALL)`,
          );
        }
        const agg = num(i["maxAggregationInterval"]);
        if (agg !== undefined && agg !== 60 && agg !== 600) {
          yield problem(`maxAggregationInterval ${agg}: AWS accepts 60 or 600 seconds`);
        }
      }
      const destination = known(i["logDestinationType"])
        ? i["logDestinationType"]
        : "cloud-watch-logs";
      if (destination === "cloud-watch-logs" && i["iamRoleArn"] === undefined) {
        yield problem(
          "a flow log to CloudWatch Logs needs iamRoleArn (DeliverLogsPermissionArn): the role the flow logs service assumes to write the log group",
        );
      }
    }
  },
};
