import { deployEnvironment } from "@platform/environment";
import { config } from "./config";

// The stack's outputs are the blueprint's outputs.
export = deployEnvironment(config);
