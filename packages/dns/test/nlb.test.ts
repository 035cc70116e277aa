import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  nlbSecurityGroupProblems,
  nlbServiceArgProblems,
  nlbServiceSchema,
  targetPorts,
} from "../src";
import type { NlbServiceConfigInput } from "../src";

const CERT = "arn:aws:acm:eu-west-1:400000000004:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const issues = (c: Partial<NlbServiceConfigInput>) => {
  const r = nlbServiceSchema.safeParse({
    listeners: [{ port: 443, protocol: "TLS", certificateArn: CERT }],
    sourceCidrs: ["10.0.0.0/8"],
    ...c,
  });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("NLB service validation", () => {
  it("accepts a TLS listener with a certificate and a source", () =>
    assert.deepEqual(issues({}), []));

  it("needs a certificate for TLS and refuses one for TCP or UDP", () => {
    assert.match(
      issues({ listeners: [{ port: 443, protocol: "TLS" }] })[0]!,
      /^listeners\.0\.certificateArn: a TLS listener needs an ACM certificate/,
    );
    assert.match(
      issues({ listeners: [{ port: 53, protocol: "UDP", certificateArn: CERT }] })[0]!,
      /^listeners\.0\.certificateArn: UDP passes traffic through and takes no certificate/,
    );
  });

  it("refuses two listeners on one port, pointing to TCP_UDP", () => {
    assert.match(
      issues({
        listeners: [
          { port: 53, protocol: "TCP" },
          { port: 53, protocol: "UDP" },
        ],
      })[0]!,
      /^listeners\.1\.port: repeats the port of listener 0; one listener per port \(TCP and UDP on one port is TCP_UDP/,
    );
  });

  it("refuses a path on a TCP health check and a UDP health check", () => {
    assert.match(
      issues({
        listeners: [{ port: 80, protocol: "TCP", healthCheck: { protocol: "TCP", path: "/" } }],
      })[0]!,
      /TCP health checks request no path/,
    );
    assert.equal(
      issues({
        listeners: [{ port: 53, protocol: "UDP", healthCheck: { protocol: "UDP" as never } }],
      }).length,
      1,
    );
  });

  it("refuses a service nobody may reach", () => {
    assert.match(issues({ sourceCidrs: [] })[0]!, /^sourceCidrs: nothing may connect/);
    assert.deepEqual(issues({ sourceCidrs: [], sourcePrefixListIds: ["pl-0123abcd"] }), []);
  });

  it("refuses Shield Advanced on an internal NLB: only an internet-facing one has Elastic IPs", () => {
    assert.match(
      issues({ shieldAdvanced: true })[0]!,
      /^shieldAdvanced: Shield Advanced protects an NLB only through the Elastic IPs of an internet-facing one .*set shieldAdvanced false or scheme internet-facing$/,
    );
    assert.deepEqual(issues({ shieldAdvanced: true, scheme: "internet-facing" }), []);
    assert.deepEqual(issues({ shieldAdvanced: false }), []);
  });

  it("opens egress to each target port in its protocols and each health-check port over TCP, once", () => {
    const listeners = nlbServiceSchema.parse({
      listeners: [
        { port: 443, protocol: "TLS", certificateArn: CERT, targetPort: 8443 },
        { port: 53, protocol: "TCP_UDP", healthCheck: { protocol: "TCP", port: 8443 } },
        { port: 80, protocol: "TCP", healthCheck: { protocol: "HTTP", port: 8080, path: "/" } },
      ],
      sourceCidrs: ["10.0.0.0/8"],
    }).listeners;
    assert.deepEqual(
      targetPorts(listeners).map((p) => `${p.protocol} ${p.port}`),
      ["tcp 8443", "tcp 53", "udp 53", "tcp 80", "tcp 8080"],
    );
  });

  it("keeps deletion protection on in prod", () => {
    const args = (deletionProtection: boolean, prod: boolean) =>
      nlbServiceArgProblems({
        config: {
          listeners: [{ port: 443, protocol: "TLS", certificateArn: CERT }],
          sourceCidrs: ["10.0.0.0/8"],
          deletionProtection,
        },
        vpcId: "vpc-1",
        targetCidrs: ["10.0.0.0/16"],
        subnetIds: ["a", "b"],
        namePrefix: "x",
        accountId: "400000000004",
        region: "eu-west-1",
        prod,
      }).map((p) => `${p.path.join(".")}: ${p.message}`);
    assert.deepEqual(args(false, true), ["config.deletionProtection: must stay true in prod"]);
    assert.deepEqual(args(false, false), []);
  });

  it("refuses an NLB planned without security groups", () => {
    assert.match(
      nlbSecurityGroupProblems([])[0]!.message,
      /an NLB created without security groups can never get one/,
    );
    assert.match(nlbSecurityGroupProblems(undefined)[0]!.message, /attach them at creation/);
    assert.deepEqual(nlbSecurityGroupProblems(["sg-1"]), []);
  });

  it("property: distinct ports with certificates exactly on TLS are valid", () => {
    const listener = fc.record({
      port: fc.integer({ min: 1, max: 65535 }),
      protocol: fc.constantFrom("TLS", "TCP", "UDP", "TCP_UDP"),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(listener, { minLength: 1, maxLength: 6, selector: (l) => l.port }),
        (ls) => {
          const listeners = ls.map((l) =>
            l.protocol === "TLS" ? { ...l, certificateArn: CERT } : l,
          ) as NlbServiceConfigInput["listeners"];
          assert.deepEqual(issues({ listeners }), []);
        },
      ),
    );
  });
});
