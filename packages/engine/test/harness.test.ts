import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ProgramError, resourceNamed, resourcesOfType, runProgram } from "../src";

const base = { project: "demo", stack: "dev" };

class Box extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Box", name, {}, opts);
    this.bucket = new aws.s3.Bucket(`${name}-bucket`, {}, { parent: this });
    this.registerOutputs({});
  }
}

describe("runProgram", () => {
  it("captures a resource registered inside an apply that waits on an async output", async () => {
    const run = await runProgram(() => {
      const slow = pulumi.output(
        new Promise<string>((resolve) => setTimeout(() => resolve("late"), 50)),
      );
      slow.apply((value) => new aws.sns.Topic(`topic-${value}`, {}));
      return {};
    }, base);
    assert.equal(resourcesOfType(run, "aws:sns/topic:Topic")[0]?.name, "topic-late");
  });

  it("records parents with engine URNs, and dependencies from inputs and dependsOn", async () => {
    const run = await runProgram(() => {
      const box = new Box("box");
      const topic = new aws.sns.Topic("topic", {});
      new aws.s3.BucketPolicy(
        "policy",
        { bucket: box.bucket.id, policy: "{}" },
        { dependsOn: [topic] },
      );
      return {};
    }, base);
    const bucket = resourceNamed(run, "aws:s3/bucket:Bucket", "box-bucket");
    assert.equal(
      bucket.urn,
      "urn:pulumi:dev::demo::test:index:Box$aws:s3/bucket:Bucket::box-bucket",
    );
    assert.equal(bucket.parent, "urn:pulumi:dev::demo::test:index:Box::box");
    assert.equal(
      resourceNamed(run, "test:index:Box", "box").parent,
      "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
    );
    const policy = resourceNamed(run, "aws:s3/bucketPolicy:BucketPolicy", "policy");
    assert.deepEqual(
      [...policy.dependencies].sort(),
      [bucket.urn, "urn:pulumi:dev::demo::aws:sns/topic:Topic::topic"].sort(),
    );
    assert.deepEqual(policy.propertyDependencies["bucket"], [bucket.urn]);
  });

  it("records protect and retainOnDelete", async () => {
    const run = await runProgram(() => {
      new aws.kms.Key("key", {}, { protect: true, retainOnDelete: true });
      new aws.kms.Key("plain", {});
      return {};
    }, base);
    assert.equal(resourceNamed(run, "aws:kms/key:Key", "key").protect, true);
    assert.equal(resourceNamed(run, "aws:kms/key:Key", "key").retainOnDelete, true);
    assert.equal(resourceNamed(run, "aws:kms/key:Key", "plain").protect, false);
  });

  it("masks secrets in inputs and outputs", async () => {
    const run = await runProgram(() => {
      const secret = pulumi.secret("hunter2-password");
      new aws.ssm.Parameter("param", { type: "SecureString", value: secret });
      return { token: secret, plain: "visible" };
    }, base);
    assert.equal(
      resourceNamed(run, "aws:ssm/parameter:Parameter", "param").inputs["value"],
      "[secret]",
    );
    assert.deepEqual(run.outputs, { token: "[secret]", plain: "visible" });
    assert.ok(!JSON.stringify(run).includes("hunter2"));
  });

  it("answers data sources in the provider's account and region", async () => {
    let zones: string[] = [];
    let account = "";
    await runProgram(async () => {
      const provider = new aws.Provider("p", {
        region: "us-east-1",
        assumeRoles: [{ roleArn: "arn:aws:iam::210987654321:role/deployer" }],
      });
      zones = (await aws.getAvailabilityZones({}, { provider })).names;
      account = (await aws.getCallerIdentity({}, { provider })).accountId;
      return {};
    }, base);
    assert.deepEqual(zones, [
      "us-east-1a",
      "us-east-1b",
      "us-east-1c",
      "us-east-1d",
      "us-east-1e",
      "us-east-1f",
    ]);
    assert.equal(account, "210987654321");
  });

  it("throws on a data source it does not mock", async () => {
    await assert.rejects(
      runProgram(async () => {
        await aws.ec2.getAmi({ owners: ["amazon"], mostRecent: true });
        return {};
      }, base),
      /unmocked data source aws:ec2\/getAmi:getAmi/,
    );
  });

  it("answers StackReference from given outputs and names a missing stack", async () => {
    let vpc = "";
    await runProgram(
      async () => {
        const ref = new pulumi.StackReference("organization/net/network");
        vpc = (await ref.getOutputDetails("tgwId")).value as string;
        return {};
      },
      { ...base, stackOutputs: { "organization/net/network": { tgwId: "tgw-123" } } },
    );
    assert.equal(vpc, "tgw-123");
    await assert.rejects(
      runProgram(async () => {
        await new pulumi.StackReference("organization/net/missing").getOutputDetails("x");
        return {};
      }, base),
      /StackReference "organization\/net\/missing" has no outputs in this offline run/,
    );
  });

  it("passes stack config through the runtime, secrets included", async () => {
    let region = "";
    let secretIsSecret = false;
    await runProgram(
      async () => {
        region = new pulumi.Config("demo").requireObject<{ region: string }>("account").region;
        secretIsSecret = await pulumi.isSecret(new pulumi.Config("demo").requireSecret("psk"));
        return {};
      },
      {
        ...base,
        config: { "demo:account": { region: "eu-central-1" }, "demo:psk": "x" },
        secretKeys: ["demo:psk"],
      },
    );
    assert.equal(region, "eu-central-1");
    assert.equal(secretIsSecret, true);
  });
});

describe("default providers", () => {
  it("rejects a resource on a disabled default provider, as the engine does", async () => {
    await assert.rejects(
      runProgram(
        () => {
          new aws.sns.Topic("orphan", {});
          return {};
        },
        { ...base, config: { "pulumi:disable-default-providers": ["*"] } },
      ),
      /Default provider for 'aws' disabled. 'aws:sns\/topic:Topic::orphan' must use an explicit provider/,
    );
  });

  it("accepts the same resource on an explicit provider", async () => {
    const run = await runProgram(
      () => {
        const provider = new aws.Provider("explicit", { region: "eu-west-1" });
        new aws.sns.Topic("owned", {}, { provider });
        return {};
      },
      { ...base, config: { "pulumi:disable-default-providers": ["*"] } },
    );
    assert.equal(
      resourceNamed(run, "aws:sns/topic:Topic", "owned").provider,
      "urn:pulumi:dev::demo::pulumi:providers:aws::explicit",
    );
  });
});

/** A remote component as an awsx one registers itself: one resource its plugin would expand. */
class RemoteImage extends pulumi.ComponentResource {
  declare readonly imageUri: pulumi.Output<string>;
  constructor(name: string, args: pulumi.Inputs, opts?: pulumi.ComponentResourceOptions) {
    super("awsx:ecr:Image", name, { ...args, imageUri: undefined }, opts, true);
  }
}

class AwsxProvider extends pulumi.ProviderResource {
  constructor(name: string) {
    super("awsx", name, {});
  }
}

describe("remote components", () => {
  const repositoryUrl = "400000000004.dkr.ecr.eu-west-1.amazonaws.com/etcd/backup";

  it("answers awsx.ecr.Image with the pushed image's URI by digest, changing with the build", async () => {
    const uri = async (imageTag: string) => {
      let out: string | undefined;
      await runProgram(() => {
        new RemoteImage("image", {
          repositoryUrl,
          imageTag,
          platform: "linux/amd64",
        }).imageUri.apply((u) => (out = u));
        return {};
      }, base);
      return out;
    };
    const a = await uri("ctx-0123456789abcdef");
    assert.match(
      a ?? "",
      /^400000000004\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/etcd\/backup@sha256:[0-9a-f]{64}$/,
    );
    assert.equal(await uri("ctx-0123456789abcdef"), a);
    assert.notEqual(await uri("ctx-fedcba9876543210"), a);
  });

  it("needs a provider for its package where default providers are disabled", async () => {
    const disabled = { ...base, config: { "pulumi:disable-default-providers": ["*"] } };
    await assert.rejects(
      runProgram(() => {
        new RemoteImage("image", { repositoryUrl });
        return {};
      }, disabled),
      /Default provider for 'awsx' disabled. 'awsx:ecr:Image::image' must use an explicit provider/,
    );
    const run = await runProgram(() => {
      new RemoteImage("image", { repositoryUrl }, { provider: new AwsxProvider("awsx") });
      return {};
    }, disabled);
    assert.equal(
      resourceNamed(run, "awsx:ecr:Image", "image").provider,
      "urn:pulumi:dev::demo::pulumi:providers:awsx::awsx",
    );
  });
});

describe("ProgramError", () => {
  it("carries every resource registered before the program threw, in flight ones included", async () => {
    const error = await runProgram(() => {
      new aws.sns.Topic("before", {});
      throw new Error("bad config found late");
    }, base).then(
      () => assert.fail("expected the program to fail"),
      (err: unknown) => err,
    );
    assert.ok(error instanceof ProgramError);
    assert.equal(error.message, "bad config found late");
    assert.deepEqual(
      error.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.urn),
      ["urn:pulumi:dev::demo::aws:sns/topic:Topic::before"],
    );
  });
});
