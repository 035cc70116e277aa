import * as assert from "node:assert/strict";
import { dxAllowedPrefixes, prefixProblems, vpnAdvertisedPrefixes } from "../src";
import { PLAN } from "./fixtures";

describe("DX and VPN prefixes", () => {
  it("derives the DX allowed prefixes from the address plan and what the hub attaches", () => {
    assert.deepEqual(dxAllowedPrefixes(PLAN, ["10.8.0.0/20"]), [
      "10.16.0.0/14",
      "10.24.0.0/14",
      "10.8.0.0/16",
    ]);
  });

  it("never advertises a shared-services range with nothing attached in it (no route: a black hole)", () => {
    const plan = { ...PLAN, sharedServices: ["10.8.0.0/16", "10.9.0.0/16"] };
    assert.deepEqual(dxAllowedPrefixes(plan, []), ["10.16.0.0/14", "10.24.0.0/14"]);
    assert.deepEqual(dxAllowedPrefixes(plan, ["10.9.4.0/22"]), [
      "10.16.0.0/14",
      "10.24.0.0/14",
      "10.9.0.0/16",
    ]);
    assert.deepEqual(vpnAdvertisedPrefixes(plan, true, []), dxAllowedPrefixes(plan, []));
  });

  it("accepts DX prefixes as specific as VPN's (summarising hybrid segment)", () => {
    assert.deepEqual(
      prefixProblems(
        dxAllowedPrefixes(PLAN, ["10.8.0.0/20"]),
        vpnAdvertisedPrefixes(PLAN, true, ["10.8.0.0/20"]),
        200,
      ),
      [],
    );
  });

  it("accepts DX prefixes more specific than VPN's", () => {
    assert.deepEqual(prefixProblems(["10.16.0.0/15", "10.18.0.0/15"], ["10.16.0.0/14"], 200), []);
  });

  it("rejects VPN prefixes more specific than DX's", () => {
    assert.deepEqual(prefixProblems(["10.16.0.0/14"], ["10.16.0.0/16"], 200), [
      "10.16.0.0/16 is advertised over VPN but Direct Connect advertises no prefix as specific for all of it; on-premises would prefer VPN for part of 10.16.0.0/16",
    ]);
  });

  it("rejects a non-summarising hybrid segment", () => {
    assert.match(
      prefixProblems(dxAllowedPrefixes(PLAN, []), vpnAdvertisedPrefixes(PLAN, false, []), 200)[0]!,
      /Set summarise: true on the hybrid segment/,
    );
  });

  it("enforces the allowed-prefix quota", () => {
    const many = Array.from({ length: 3 }, (_, i) => `10.${i}.0.0/16`);
    assert.deepEqual(prefixProblems(many, many, 2), [
      "Direct Connect would advertise 3 allowed prefixes but the quota is 2 per association; summarise the address plan",
    ]);
  });
});
