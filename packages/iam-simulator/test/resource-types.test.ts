import * as assert from "node:assert/strict";
import * as path from "node:path";
import { rememberResourceTypes, simulate } from "../src";

type Lookup = ((service: string, action: string, resource: string) => Promise<unknown>) & {
  remembered?: true;
  original?: (service: string, action: string, resource: string) => Promise<unknown>;
};

const engine = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(
    path.join(
      path.dirname(require.resolve("@cloud-copilot/iam-simulate")),
      "simulation_engine",
      "resourceTypes.js",
    ),
  ) as { getResourceTypesForAction: Lookup };

describe("the simulator's resource-type lookup, remembered", () => {
  it("is installed where this version of the simulator looks it up", () => {
    assert.equal(rememberResourceTypes(), true, "the simulator moved getResourceTypesForAction");
    assert.equal(engine().getResourceTypesForAction.remembered, true);
  });

  it("answers as the simulator's own lookup does, the first time and from memory", async () => {
    const lookup = engine().getResourceTypesForAction;
    const cases: Array<[string, string, string]> = [
      ["s3", "putobject", "arn:aws:s3:::bucket/key/with/parts"],
      ["s3", "createbucket", "arn:aws:s3:::bucket"],
      ["ec2", "createtags", "arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0123456789abcdef0"],
      ["ec2", "createtags", "arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-0123456789abcdef0"],
      ["iam", "passrole", "arn:aws:iam::111122223333:role/stack-x"],
      ["kms", "creategrant", "arn:aws:kms:eu-west-1:111122223333:key/1234"],
    ];
    for (const [service, action, arn] of cases) {
      const expected = await lookup.original!(service, action, arn);
      assert.deepEqual(await lookup(service, action, arn), expected, `${action} on ${arn}`);
      assert.deepEqual(await lookup(service, action, arn), expected, `${action} on ${arn}, again`);
      assert.ok(Array.isArray(expected) && expected.length > 0);
    }
  });

  it("keeps no failure: an unknown action fails every time", async () => {
    const lookup = engine().getResourceTypesForAction;
    for (let i = 0; i < 2; i++)
      await assert.rejects(lookup("s3", "nosuchaction", "arn:aws:s3:::b"), /does not exist/);
  });

  it("simulations give the same decision before and after the lookup is remembered", async () => {
    const principal = {
      arn: "arn:aws:sts::111122223333:assumed-role/stack-x/s",
      identityPolicies: {
        p: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" }],
        },
      },
    };
    const decide = (resource: string) => simulate(principal, { action: "s3:PutObject", resource });
    for (let i = 0; i < 2; i++) {
      assert.equal((await decide("arn:aws:s3:::b/k")).allowed, true);
      assert.equal((await decide("arn:aws:s3:::other/k")).allowed, false);
    }
  });
});
