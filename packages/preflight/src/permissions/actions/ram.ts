/** Resource Access Manager shares (e.g. the transit gateway shared with workload accounts). */
import { sar } from "./shared";
import type { ActionsTable } from "./shared";

const RAM = sar("AWS Resource Access Manager (RAM)");

export const RAM_ACTIONS: ActionsTable = {
  "aws:ram/resourceShare:ResourceShare": {
    source: RAM,
    create: ["ram:CreateResourceShare"],
    update: ["ram:UpdateResourceShare"],
    read: ["ram:GetResourceShares"],
    arn: (_r, at) => `arn:aws:ram:${at.region}:${at.account}:resource-share/*`,
  },
  "aws:ram/resourceAssociation:ResourceAssociation": {
    source: RAM,
    create: ["ram:AssociateResourceShare"],
    read: ["ram:GetResourceShareAssociations"],
    arn: (_r, at) => `arn:aws:ram:${at.region}:${at.account}:resource-share/*`,
  },
  "aws:ram/principalAssociation:PrincipalAssociation": {
    source: RAM,
    create: ["ram:AssociateResourceShare"],
    read: ["ram:GetResourceShareAssociations"],
    arn: (_r, at) => `arn:aws:ram:${at.region}:${at.account}:resource-share/*`,
  },
};
