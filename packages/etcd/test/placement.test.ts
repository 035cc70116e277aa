import * as assert from "node:assert/strict";
import * as fc from "fast-check";
import type { NodeGroupSpec } from "@platform/eks";
import { distributions, maxMembers, placementFor, placementProblems } from "../src";
import type { PlacementInput } from "../src";

const group = (minSize: number, extra: Partial<NodeGroupSpec> = {}): NodeGroupSpec => ({
  name: "general",
  instanceTypes: ["m6i.large"],
  minSize,
  maxSize: Math.max(minSize, 1) * 2,
  desiredSize: minSize,
  ...extra,
});

const input = (over: Partial<PlacementInput>): PlacementInput => ({
  members: 3,
  zones: 2,
  nodeGroups: [group(3)],
  resources: { cpu: "500m", memory: "1Gi" },
  survivesZoneLoss: false,
  ...over,
});

/**
 * Simulates the scheduler's filters: each member goes to any zone with a free node where the skew
 * stays within 1 (`choices` picks among those zones); returns how many were placed.
 */
function schedule(nodesPerZone: readonly number[], members: number, choices: number[]): number {
  const placed = nodesPerZone.map(() => 0);
  const domains = nodesPerZone.map((_, z) => z).filter((z) => nodesPerZone[z]! > 0);
  for (let m = 0; m < members; m++) {
    const least = Math.min(...domains.map((z) => placed[z]!));
    const fits = domains.filter(
      (z) => placed[z]! < nodesPerZone[z]! && placed[z]! + 1 - least <= 1,
    );
    if (fits.length === 0) return m;
    placed[fits[(choices[m] ?? 0) % fits.length]!]!++;
  }
  return members;
}

describe("etcd placement", () => {
  it("counts what the scheduler can place with one member per node and maxSkew 1", () => {
    assert.equal(maxMembers([2, 1]), 3);
    assert.equal(maxMembers([2, 2, 1]), 5);
    assert.equal(maxMembers([1, 1, 1]), 3);
    assert.equal(maxMembers([3, 1]), 3);
    // An AZ without eligible nodes is no domain; one with few nodes holds the others back.
    assert.equal(maxMembers([0, 5]), 5);
    assert.equal(maxMembers([1, 5]), 3);
    // Whatever order the scheduler picks zones in, it places exactly maxMembers.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (nodes, choices) => {
          const most = maxMembers(nodes);
          assert.equal(schedule(nodes, most, choices), most);
          assert.equal(schedule(nodes, most + 1, choices), most);
        },
      ),
    );
  });

  it("considers every AZ an uneven group's extra nodes may land in", () => {
    const sorted = (sizes: number[], zones: number) =>
      distributions(sizes, zones)
        .map((d) => [...d].sort().join(","))
        .sort();
    assert.deepEqual(sorted([3], 2), ["1,2"]);
    assert.deepEqual(sorted([5], 3), ["1,2,2"]);
    // Two one-node groups over two AZs: the same AZ or one each.
    assert.deepEqual(sorted([1, 1], 2), ["0,2", "1,1"]);
  });

  it("rejects the shipped mistake: 3 members on 2 nodes, 5 on 3, naming the minSize that works", () => {
    assert.deepEqual(placementProblems(input({ nodeGroups: [group(2)] })), [
      {
        path: ["members"],
        value: 3,
        message:
          "needs 3 nodes it can run on, one member each, spread evenly over the AZs; node groups general (minSize 2) over 2 AZs guarantee room for only 2 (an Auto Scaling group may put an uneven count's extra nodes in any AZ). Raise eks.nodeGroups[0].minSize (general) to 3, or pin etcd to a larger group with etcd.nodeGroup",
      },
    ]);
    const prod = placementProblems(
      input({ members: 5, zones: 3, nodeGroups: [group(3)], survivesZoneLoss: true }),
    );
    assert.equal(prod.length, 1);
    assert.match(
      prod[0]!.message,
      /guarantee room for only 3 .* Raise eks\.nodeGroups\[0\]\.minSize \(general\) to 5/,
    );
    assert.deepEqual(placementProblems(input({})), []);
    assert.deepEqual(
      placementProblems(
        input({ members: 5, zones: 3, nodeGroups: [group(5)], survivesZoneLoss: true }),
      ),
      [],
    );
  });

  it("requires three AZs for production etcd so an AZ loss keeps a quorum", () => {
    assert.deepEqual(placementProblems(input({ survivesZoneLoss: true })), [
      {
        path: ["zones"],
        value: 2,
        message:
          "3 etcd members over 2 AZs: losing the AZ with the most members leaves fewer than a quorum (2); production etcd needs at least 3 AZs",
      },
    ]);
  });

  it("counts only the nodes the members may use: tainted groups unless pinned, and the pinned group", () => {
    const tainted = group(6, {
      name: "dedicated",
      taints: [{ key: "dedicated", value: "etcd", effect: "NO_SCHEDULE" }],
    });
    // The big tainted group does not help unpinned members.
    assert.match(
      placementProblems(input({ nodeGroups: [group(2), tainted] }))[0]!.message,
      /node groups general \(minSize 2\) over 2 AZs guarantee room for only 2/,
    );
    assert.deepEqual(
      placementProblems(input({ nodeGroups: [group(2), tainted], nodeGroup: "dedicated" })),
      [],
    );
    assert.deepEqual(placementProblems(input({ nodeGroup: "etcd" })), [
      {
        path: ["nodeGroup"],
        value: "etcd",
        message: "is not a node group of the cluster; known: general",
      },
    ]);
    assert.deepEqual(placementFor([group(2), tainted], "dedicated"), {
      nodeSelector: { "eks.amazonaws.com/nodegroup": "dedicated" },
      tolerations: [{ key: "dedicated", operator: "Equal", value: "etcd", effect: "NoSchedule" }],
    });
    assert.deepEqual(placementFor([group(2)]), {});
  });

  it("rejects requests no node of the group can hold", () => {
    const problems = placementProblems(input({ resources: { cpu: "2", memory: "16Gi" } }));
    assert.deepEqual(
      problems.map((p) => [p.path, p.value]),
      [
        [["resources", "cpu"], "2"],
        [["resources", "memory"], "16Gi"],
      ],
    );
    assert.match(
      problems[0]!.message,
      /requests 2000m CPU but a m6i\.large node of eks\.nodeGroups\[0\] \(general\) has about 1680m left/,
    );
    // Instance types whose capacity is not tabulated are not guessed at.
    assert.deepEqual(
      placementProblems(
        input({
          nodeGroups: [group(3, { instanceTypes: ["x9z.metal"] })],
          resources: { cpu: "64", memory: "1Ti" },
        }),
      ),
      [],
    );
  });
});
