import * as assert from "node:assert/strict";
import { addressOf, RouteTable } from "../src";
import type { Attachment } from "../src";

const vpc: Attachment = {
  id: "vpc",
  kind: "vpc",
  stack: "s",
  environment: "dev",
  cidr: "10.16.0.0/16",
};
const dx: Attachment = { id: "dx", kind: "dx", stack: "s" };
const vpnA: Attachment = { id: "vpnA", kind: "vpn", stack: "s", device: "a" };
const vpnB: Attachment = { id: "vpnB", kind: "vpn", stack: "s", device: "b" };
const chosen = (t: RouteTable, cidr: string) => {
  const d = t.lookup(addressOf(cidr));
  return d.kind === "forward" ? d.attachments.map((a) => a.id).join(",") : d.kind;
};

describe("Transit Gateway route selection", () => {
  it("prefers a static route over a propagated one for the same prefix", () => {
    const t = new RouteTable("x");
    t.add({ prefix: "172.16.0.0/16", origin: "propagated", attachment: dx });
    t.add({ prefix: "172.16.0.0/16", origin: "static", attachment: vpc });
    assert.equal(chosen(t, "172.16.1.0/24"), "vpc");
  });

  it("prefers Direct Connect over VPN for the same prefix", () => {
    const t = new RouteTable("x");
    t.add({ prefix: "172.16.0.0/16", origin: "propagated", attachment: vpnA });
    t.add({ prefix: "172.16.0.0/16", origin: "propagated", attachment: dx });
    assert.equal(chosen(t, "172.16.0.0/32"), "dx");
  });

  it("prefers a VPC-propagated route over Direct Connect for the same prefix", () => {
    const t = new RouteTable("x");
    t.add({ prefix: "10.16.0.0/16", origin: "propagated", attachment: dx });
    t.add({ prefix: "10.16.0.0/16", origin: "propagated", attachment: vpc });
    assert.equal(chosen(t, "10.16.0.0/32"), "vpc");
  });

  it("decides by longest prefix before attachment type", () => {
    const t = new RouteTable("x");
    t.add({ prefix: "172.16.0.0/16", origin: "propagated", attachment: dx });
    t.add({ prefix: "172.16.5.0/24", origin: "propagated", attachment: vpnA });
    assert.equal(chosen(t, "172.16.5.1/32"), "vpnA");
    assert.equal(chosen(t, "172.16.6.1/32"), "dx");
  });

  it("spreads equal VPN routes (ECMP)", () => {
    const t = new RouteTable("x");
    t.add({ prefix: "172.16.0.0/16", origin: "propagated", attachment: vpnA });
    t.add({ prefix: "172.16.0.0/16", origin: "propagated", attachment: vpnB });
    assert.equal(chosen(t, "172.16.0.0/32"), "vpnA,vpnB");
  });

  it("drops traffic on a blackhole, which beats a less specific route", () => {
    const t = new RouteTable("x");
    t.add({ prefix: "10.0.0.0/8", origin: "propagated", attachment: dx });
    t.add({ prefix: "10.24.0.0/14", origin: "static", blackhole: true });
    assert.equal(chosen(t, "10.24.1.0/32"), "blackhole");
    assert.equal(chosen(t, "10.16.0.0/32"), "dx");
    assert.equal(chosen(t, "192.168.0.0/32"), "none");
  });
});
