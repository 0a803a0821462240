// Item 5 of issue 20 at its full scale: the simulator's property (property.ts) over 1,000 generated scenarios.
import { simulatorProperty } from "./property.js";

simulatorProperty(1000);
