import * as path from "node:path";
import { describeEnvironmentStack } from "@platform/environment/testing";

describeEnvironmentStack({ dir: path.resolve(__dirname, ".."), stack: "test" });
