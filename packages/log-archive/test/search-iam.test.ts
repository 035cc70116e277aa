/**
 * Search's resource policies, evaluated offline by the IAM simulator: the domain answers only the
 * roles its access policy names, and the search keys serve the account only through the service.
 */
import * as assert from "node:assert/strict";
import { simulate } from "@platform/iam-simulator";
import type { IamRequest, PolicyDocument } from "@platform/iam-simulator";
import { domainAccessPolicy, domainArn, searchKeyPolicy } from "../src/search-policies";

const ACCOUNT = "700000000007";
const DOMAIN = domainArn("eu-west-1", ACCOUNT, "archive-logs");
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const role = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const session = (name: string, account = ACCOUNT) =>
  `arn:aws:sts::${account}:assumed-role/${name}/s`;

/** A principal without identity policies: only the resource policy can allow. */
const allowed = async (arn: string, request: IamRequest) =>
  (await simulate({ arn, identityPolicies: {} }, request)).allowed;

describe("search resource policies (simulated)", () => {
  const access = domainAccessPolicy(DOMAIN, [role("search-admin"), role("search-readers")]);
  const onDomain = (action: string, resource = `${DOMAIN}/logs-2026.11/_search`) => ({
    action,
    resource,
    resourcePolicy: access as PolicyDocument,
  });

  it("the domain answers the named roles' HTTP requests on its indices", async () => {
    assert.equal(await allowed(session("search-admin"), onDomain("es:ESHttpGet")), true);
    assert.equal(await allowed(session("search-readers"), onDomain("es:ESHttpPost")), true);
  });

  it("and nobody else's, nor configuration calls, nor another domain", async () => {
    assert.equal(await allowed(session("intruder"), onDomain("es:ESHttpGet")), false);
    assert.equal(
      await allowed(session("search-admin", "999999999999"), onDomain("es:ESHttpGet")),
      false,
    );
    assert.equal(
      await allowed(session("search-admin"), onDomain("es:UpdateDomainConfig", DOMAIN)),
      false,
    );
    assert.equal(
      await allowed(
        session("search-admin"),
        onDomain("es:ESHttpGet", `${domainArn("eu-west-1", ACCOUNT, "other")}/x`),
      ),
      false,
    );
  });

  for (const service of ["es", "aoss"] as const) {
    it(`the ${service} key serves the account through ${service} only`, async () => {
      const keyPolicy = searchKeyPolicy(ACCOUNT, "eu-west-1", service) as PolicyDocument;
      const grant = (context: Record<string, string>) => ({
        action: "kms:CreateGrant",
        resource: KEY,
        resourcePolicy: keyPolicy,
        context,
      });
      const via = { "kms:ViaService": `${service}.eu-west-1.amazonaws.com` };
      assert.equal(
        await allowed(session("deployer"), grant({ ...via, "kms:CallerAccount": ACCOUNT })),
        true,
      );
      assert.equal(
        await allowed(session("deployer"), grant({ "kms:CallerAccount": ACCOUNT })),
        false,
      );
      assert.equal(
        await allowed(
          session("deployer", "999999999999"),
          grant({ ...via, "kms:CallerAccount": "999999999999" }),
        ),
        false,
      );
      assert.equal(
        await allowed(session("deployer"), {
          action: "kms:Decrypt",
          resource: KEY,
          resourcePolicy: keyPolicy,
          context: { "kms:ViaService": "s3.eu-west-1.amazonaws.com", "kms:CallerAccount": ACCOUNT },
        }),
        false,
      );
    });
  }
});
