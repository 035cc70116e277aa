import * as path from "node:path";
import { describeAccountStack } from "@platform/testing";

describeAccountStack({ dir: path.resolve(__dirname, ".."), stack: "network" });
