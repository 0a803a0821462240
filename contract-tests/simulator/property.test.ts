// The simulator's property (property.ts) over 250 generated scenarios in npm test; 1,000 in the slow lane.
import { simulatorProperty } from "./property.js";

simulatorProperty(250);
